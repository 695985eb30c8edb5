package dev.strata.aws;

import dev.strata.support.Props;
import dev.strata.platform.ResourceOpts;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsKeysTest {

    @Test
    void threeRotatingKeysWithPurposeScopedPolicies() {
        var run = MockRun.run(AwsFixture.prod(), ctx -> new AwsKeys("keys", new AwsKeys.Args(AwsFixture.ACCOUNT, true),
                ComponentResourceOptions.Empty));
        var keys = run.mocks().ofType("aws:kms/key:Key");
        assertEquals(3, keys.size());
        for (var k : keys) {
            assertEquals(true, k.inputs.get("enableKeyRotation"), k.name);
            assertEquals(30, Props.num(k.inputs.get("deletionWindowInDays")));
        }
        var logs = AwsFixture.json(run.mocks().inputs("aws:kms/key:Key", "keys-observability").get("policy"));
        var logsStatement = logs.path("Statement").get(1);
        assertEquals("logs.us-east-1.amazonaws.com", logsStatement.path("Principal").path("Service").asText());
        assertEquals("arn:aws:logs:us-east-1:123456789012:log-group:*", logsStatement.path("Condition")
                .path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText());
        var data = AwsFixture.json(run.mocks().inputs("aws:kms/key:Key", "keys-data").get("policy"));
        assertTrue(data.toString().contains("AWSServiceRoleForAutoScaling"), "node volumes need the ASG role");
        assertEquals("true", data.path("Statement").get(2).path("Condition").path("Bool")
                .path("kms:GrantIsForAWSResource").asText());
    }

    @Test
    void statefulOptionsProtectAndRetainOnlyInProd() {
        var run = MockRun.run(AwsFixture.prod(), ctx -> {
            var parent = new AwsKeys("keys", new AwsKeys.Args(AwsFixture.ACCOUNT, false), ComponentResourceOptions.Empty);
            assertEquals(java.util.Optional.of(true), ResourceOpts.stateful(parent, true).getProtect());
            assertEquals(java.util.Optional.of(true), ResourceOpts.stateful(parent, true).getRetainOnDelete());
            assertEquals(java.util.Optional.of(false), ResourceOpts.stateful(parent, false).getProtect());
        });
        assertEquals(3, run.mocks().ofType("aws:kms/key:Key").size());
    }
}
