package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.StackConfig;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.strata.support.Props.num;
import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsBackupsTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> {
            Optional<Provider> copy = cfg.backup().crossRegion()
                    ? Optional.of(new Provider("copy", ProviderArgs.builder().region(cfg.backup().copyRegion()).build()))
                    : Optional.empty();
            new AwsBackups("bk", new AwsBackups.Args(AwsFixture.ACCOUNT, cfg.stack(), cfg.backup(),
                    cfg.environment().isProd(), AwsFixture.key("data"),
                    List.of(Output.of("arn:aws:rds:us-east-1:123456789012:db:x"), Output.of("arn:aws:s3:::logs")), copy),
                    ComponentResourceOptions.Empty);
        });
    }

    @Test
    void dailyPlanWithRetentionCoveringDatabaseBucketsAndTaggedVolumes() {
        var m = build(AwsFixture.dev()).mocks();
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/data", m.inputs("aws:backup/vault:Vault", "bk-vault")
                .get("kmsKeyArn"));
        var rule = map(list(m.one("aws:backup/plan:Plan").inputs.get("rules")).get(0));
        assertEquals(AwsBackups.SCHEDULE, rule.get("schedule"));
        assertEquals(14, num(map(rule.get("lifecycle")).get("deleteAfter")));
        assertTrue(!rule.containsKey("copyActions") || list(rule.get("copyActions")).isEmpty(), "dev: no copy");
        var selection = m.one("aws:backup/selection:Selection").inputs;
        assertEquals(List.of("arn:aws:rds:us-east-1:123456789012:db:x", "arn:aws:s3:::logs"), selection.get("resources"));
        assertEquals("dev", map(list(selection.get("selectionTags")).get(0)).get("value"));
    }

    @Test
    void prodCopiesEveryRecoveryPointToTheCopyRegion() {
        var m = build(AwsFixture.prod()).mocks();
        var rule = map(list(m.one("aws:backup/plan:Plan").inputs.get("rules")).get(0));
        assertEquals(35, num(map(rule.get("lifecycle")).get("deleteAfter")));
        var copy = map(list(rule.get("copyActions")).get(0));
        assertEquals(35, num(map(copy.get("lifecycle")).get("deleteAfter")));
        var copyVault = m.args("aws:backup/vault:Vault", "bk-copy-vault");
        assertTrue(copyVault.provider.contains("copy"), "the copy vault lives in the copy region");
    }

    @Test
    void argsRejectACopyWithoutAProvider() {
        var prod = AwsFixture.prod();
        var e = assertThrows(IllegalArgumentException.class, () -> new AwsBackups.Args(AwsFixture.ACCOUNT, "prod",
                prod.backup(), true, AwsFixture.key("k"), List.of(), Optional.empty()));
        assertEquals("backup.crossRegion is true but copyProvider is missing", e.getMessage());
    }
}
