package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsRegistryTest {

    private static MockRun.Recorded build(Optional<String> repo) {
        return MockRun.run(AwsFixture.dev(), ctx -> new AwsRegistry("reg", new AwsRegistry.Args(AwsFixture.ACCOUNT,
                AwsFixture.key("data"), "strata-dev-eks", repo, "main", Optional.empty()), ComponentResourceOptions.Empty));
    }

    @Test
    void immutableScannedEncryptedRepositoryWithLifecycle() {
        var m = build(Optional.empty()).mocks();
        var repo = m.one("aws:ecr/repository:Repository").inputs;
        assertEquals("IMMUTABLE", repo.get("imageTagMutability"));
        assertEquals(true, Props.map(repo.get("imageScanningConfiguration")).get("scanOnPush"));
        assertTrue(repo.get("encryptionConfigurations").toString().contains("KMS"));
        var lifecycle = AwsFixture.json(m.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.get("policy"));
        assertEquals(2, lifecycle.path("rules").size());
        assertEquals(0, m.ofType("aws:iam/role:Role").size(), "no CI identity unless a repository is configured");
    }

    @Test
    void ciRoleIsPinnedToRepoAndBranchAndScopedToThisRepositoryAndCluster() {
        var m = build(Optional.of("acme/strata")).mocks();
        var trust = AwsFixture.json(m.one("aws:iam/role:Role").inputs.get("assumeRolePolicy"));
        assertEquals("repo:acme/strata:ref:refs/heads/main", trust.path("Statement").get(0).path("Condition")
                .path("StringEquals").path("token.actions.githubusercontent.com:sub").asText());
        var policy = AwsFixture.json(m.one("aws:iam/rolePolicy:RolePolicy").inputs.get("policy"));
        var statements = policy.path("Statement");
        assertEquals("*", statements.get(0).path("Resource").get(0).asText());
        assertEquals(1, statements.get(0).path("Action").size(), "only GetAuthorizationToken is unscoped");
        assertTrue(statements.get(1).path("Resource").get(0).asText().startsWith("arn:aws:ecr:"));
        assertEquals("arn:aws:eks:us-east-1:123456789012:cluster/strata-dev-eks",
                statements.get(2).path("Resource").get(0).asText());
    }
}
