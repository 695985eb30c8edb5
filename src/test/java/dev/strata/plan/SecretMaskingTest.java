package dev.strata.plan;

import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.aws.AwsPlatform;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.random.RandomPassword;
import dev.strata.random.RandomPasswordArgs;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock engine sees secrets in plain text; nothing the planner writes may show them. */
class SecretMaskingTest {

    private static Plan planWithSecrets(StackConfig cfg) {
        return Planner.plan(cfg, (ctx, c) -> {
            var platform = new AwsPlatform("strata-dev", c, ComponentResourceOptions.Empty);
            var opts = CustomResourceOptions.builder().parent(platform).provider(platform.provider()).build();
            var password = new RandomPassword("db-password", RandomPasswordArgs.builder().length(24).build(),
                    CustomResourceOptions.builder().parent(platform).build());
            // a secret-named input (the SDK declares rds Instance.password secret)
            new Instance("db", InstanceArgs.builder().engine("postgres").instanceClass("db.t4g.micro")
                    .allocatedStorage(20).username("app").password(password.result()).build(), opts);
            // the same secret inside an ordinary input: only value-based masking catches it
            new Vpc("vpc", VpcArgs.builder().cidrBlock("10.0.0.0/16")
                    .tags(password.result().applyValue(p -> Map.of("note", "dsn=postgres://app:" + p + "@db")))
                    .build(), opts);
            ctx.export("dbPassword", password.result());
            ctx.export("plain", Output.of("visible"));
        });
    }

    @Test
    void noGeneratedPasswordAppearsInPlanJsonTreeInventoryOrDiagram() {
        var cfg = Fixtures.config("dev", Cloud.AWS);
        Plan plan = planWithSecrets(cfg);
        var mocks = new PlanMocks(cfg.region(), "no-project");
        Planner.run(cfg, mocks, (ctx, c) -> new RandomPassword("db-password",
                RandomPasswordArgs.builder().length(24).build(), null));
        String password = mocks.generatedSecrets().stream().filter(s -> s.length() == 24).findFirst().orElseThrow();

        for (String text : new String[] {PlanJson.write(plan), PlanTree.render(plan), Inventory.render(plan),
                Diagram.dot(plan)}) {
            assertFalse(text.contains(password), "password leaked:\n" + text);
        }
        var db = plan.ofType("aws:rds/instance:Instance").get(0);
        assertEquals(SecretMasker.MARKER, db.props().get("password"));
        assertEquals("app", db.props().get("username"));
        var vpc = plan.ofType("aws:ec2/vpc:Vpc").get(0);
        // a map holding a secret is sent to the engine as one secret value
        assertEquals(SecretMasker.MARKER, vpc.props().get("tags"));
        assertEquals("10.0.0.0/16", vpc.props().get("cidrBlock"));
        assertEquals(SecretMasker.MARKER, plan.outputs().get("dbPassword"));
        assertEquals("visible", plan.outputs().get("plain"));
    }

    @Test
    void readsSecretOutputNamesFromTheSdk() {
        assertTrue(SecretMasker.secretOutputNames(Instance.class).contains("password"));
        assertEquals(RandomPassword.SECRET_OUTPUTS, SecretMasker.secretOutputNames(RandomPassword.class));
        assertEquals(java.util.List.of(), SecretMasker.secretOutputNames(AwsPlatform.class));
    }
}
