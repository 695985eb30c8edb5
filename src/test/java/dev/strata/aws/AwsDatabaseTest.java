package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.StackConfig;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsDatabaseTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> new AwsDatabase("db", new AwsDatabase.Args(AwsFixture.ACCOUNT, cfg.database(),
                cfg.environment().isProd(), Output.of("vpc-1"), Output.of(List.of("subnet-d1", "subnet-d2", "subnet-d3")),
                Output.of("sg-nodes"), AwsFixture.key("data")), ComponentResourceOptions.Empty));
    }

    @Test
    void privateEncryptedTlsOnlyAndReachableFromNodesOnly() {
        var run = build(AwsFixture.dev());
        var db = run.mocks().one("aws:rds/instance:Instance").inputs;
        assertEquals(false, db.get("publiclyAccessible"));
        assertEquals(true, db.get("storageEncrypted"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/data", db.get("kmsKeyId"));
        assertEquals("postgres", db.get("engine"));
        assertEquals("16", db.get("engineVersion"));
        assertEquals(true, db.get("performanceInsightsEnabled"));
        assertEquals(List.of("postgresql", "upgrade"), db.get("enabledCloudwatchLogsExports"));
        assertEquals(List.of("subnet-d1", "subnet-d2", "subnet-d3"),
                run.mocks().one("aws:rds/subnetGroup:SubnetGroup").inputs.get("subnetIds"));

        var rule = run.mocks().one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs;
        assertEquals("sg-nodes", rule.get("referencedSecurityGroupId"));
        assertEquals(5432, num(rule.get("fromPort")));
        assertEquals(5432, num(rule.get("toPort")));
        assertTrue(!rule.containsKey("cidrIpv4"), "no CIDR-based access");

        var params = run.mocks().one("aws:rds/parameterGroup:ParameterGroup").inputs;
        assertEquals("postgres16", params.get("family"));
        assertTrue(params.get("parameters").toString().contains("name=rds.force_ssl, value=1")
                || params.get("parameters").toString().contains("rds.force_ssl"), params.get("parameters").toString());
    }

    @Test
    void devAndProdDiffer() {
        var dev = build(AwsFixture.dev()).mocks().one("aws:rds/instance:Instance").inputs;
        var prod = build(AwsFixture.prod()).mocks().one("aws:rds/instance:Instance").inputs;
        assertEquals(false, dev.get("multiAz"));
        assertEquals(true, prod.get("multiAz"));
        assertEquals(false, dev.get("deletionProtection"));
        assertEquals(true, prod.get("deletionProtection"));
        assertEquals(true, dev.get("skipFinalSnapshot"));
        assertEquals(false, prod.get("skipFinalSnapshot"));
        assertEquals(7, num(dev.get("backupRetentionPeriod")));
        assertEquals(14, num(prod.get("backupRetentionPeriod")));
        assertTrue(((String) prod.get("finalSnapshotIdentifier")).matches("db-final-[0-9a-f]{8}"),
                "final snapshot named from a RandomId: " + prod.get("finalSnapshotIdentifier"));
    }

    @Test
    void credentialsLiveInSecretsManagerAndTheConnectionIsSecret() {
        var cfg = AwsFixture.dev();
        var holder = new java.util.concurrent.atomic.AtomicReference<AwsDatabase>();
        var run = MockRun.run(cfg, ctx -> holder.set(new AwsDatabase("db", new AwsDatabase.Args(AwsFixture.ACCOUNT,
                cfg.database(), false, Output.of("vpc-1"), Output.of(List.of("s1")), Output.of("sg-nodes"),
                AwsFixture.key("data")), ComponentResourceOptions.Empty)));
        var secret = run.mocks().inputs("aws:secretsmanager/secret:Secret", "db-credentials");
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/data", secret.get("kmsKeyId"));
        String password = (String) com.pulumi.test.PulumiTest.extractValue(holder.get().connection().admin().password());
        var version = (String) run.mocks().inputs("aws:secretsmanager/secretVersion:SecretVersion",
                "db-credentials").get("secretString");
        assertTrue(version.contains(password), "the secret holds the generated password");
        var connection = holder.get().connection();
        assertTrue(com.pulumi.core.internal.Internal.of(connection.admin().password()).isSecret().join());
        assertTrue(com.pulumi.core.internal.Internal.of(connection.app().password()).isSecret().join());
        assertEquals("counter", connection.database());
        assertTrue(com.pulumi.test.PulumiTest.extractValue(connection.jdbcUrl()).endsWith(":5432/counter?sslmode=require"));
    }
}
