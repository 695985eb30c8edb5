package dev.strata.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsRegistryTest {
    static final CiPolicies.Scope SCOPE = new CiPolicies.Scope(AwsFixture.ACCOUNT, "dev", "strata-dev", "strata-dev-eks");

    private static MockRun.Recorded build(Optional<String> repo) {
        return MockRun.run(AwsFixture.dev(), ctx -> new AwsRegistry("reg", new AwsRegistry.Args(SCOPE,
                AwsFixture.key("data"), repo, Optional.empty()), ComponentResourceOptions.Empty));
    }

    /**
     * Whether STS would let a token with these claims assume a role with this trust: every StringEquals key must
     * equal the claim (a list: one of them), and no statement of another operator may be present.
     */
    static boolean admits(JsonNode trust, Map<String, String> claims) {
        for (JsonNode s : trust.path("Statement")) {
            var condition = s.path("Condition");
            assertEquals(List.of("StringEquals"), fieldNames(condition), "only StringEquals: " + condition);
            boolean all = true;
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) condition.path("StringEquals")::fields) {
                String claim = claims.get(e.getKey().replace(Policies.GITHUB_ISSUER_HOST + ":", ""));
                var allowed = new ArrayList<String>();
                (e.getValue().isArray() ? e.getValue() : List.of(e.getValue())).forEach(v -> allowed.add(v.asText()));
                all &= claim != null && allowed.contains(claim);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode n) {
        var names = new ArrayList<String>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, String> job(String sub) {
        return Map.of("sub", sub, "aud", "sts.amazonaws.com");
    }

    private static JsonNode trust(MockRun.Recorded run, String role) {
        return AwsFixture.json(run.mocks().inputs("aws:iam/role:Role", role).get("assumeRolePolicy"));
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

    /**
     * deploy-stack.yml runs in the environment {@code <stack>}, so its token's subject is
     * repo:acme/strata:environment:dev; a trust on the branch subject (the old ref form) would refuse it.
     */
    @Test
    void deployRoleAdmitsExactlyTheStacksEnvironmentOfTheRepository() {
        var run = build(Optional.of("acme/strata"));
        var trust = trust(run, "reg-deploy");
        assertTrue(admits(trust, job("repo:acme/strata:environment:dev")));
        assertFalse(admits(trust, job("repo:acme/strata:ref:refs/heads/main")), "not the branch subject");
        assertFalse(admits(trust, job("repo:acme/strata:environment:preview-dev")), "not a preview");
        assertFalse(admits(trust, job("repo:acme/strata:environment:prod")), "not another stack");
        assertFalse(admits(trust, job("repo:acme/strata-fork:environment:dev")), "not another repository");
        assertFalse(admits(trust, Map.of("sub", "repo:acme/strata:environment:dev", "aud", "sigstore")),
                "audience pinned");
        assertEquals(CiPolicies.PATH, run.mocks().inputs("aws:iam/role:Role", "reg-deploy").get("path"));
        assertEquals(7200, dev.strata.support.Props.num(run.mocks().inputs("aws:iam/role:Role", "reg-deploy")
                .get("maxSessionDuration")), "a deploy job may run 120 minutes on keys that are never refreshed");
    }

    @Test
    void previewRoleAdmitsOnlyThePreviewEnvironment() {
        var run = build(Optional.of("acme/strata"));
        var trust = trust(run, "reg-preview");
        assertTrue(admits(trust, job("repo:acme/strata:environment:preview-dev")));
        assertFalse(admits(trust, job("repo:acme/strata:environment:dev")), "a preview identity cannot deploy");
        assertFalse(admits(trust, job("repo:acme/strata:pull_request")), "no environment, no credentials");
        assertEquals(CiPolicies.PATH, run.mocks().inputs("aws:iam/role:Role", "reg-preview").get("path"));
    }

    @Test
    void eachRoleGetsItsOwnPolicyAndTheStackCreatesTheGithubProviderOnlyWhenAsked() {
        var m = build(Optional.of("acme/strata")).mocks();
        assertEquals(2, m.ofType("aws:iam/role:Role").size());
        var deploy = AwsFixture.json(m.inputs("aws:iam/rolePolicy:RolePolicy", "reg-deploy").get("policy"));
        assertEquals(AwsFixture.json(Policies.json(CiPolicies.deploy(SCOPE))), deploy);
        var preview = AwsFixture.json(m.inputs("aws:iam/rolePolicy:RolePolicy", "reg-preview").get("policy"));
        assertEquals(AwsFixture.json(Policies.json(CiPolicies.preview(SCOPE))), preview);
        assertEquals(1, m.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").size());
        // the trust names the provider by its ARN before it exists: IAM's arn:aws:iam::<account>:oidc-provider/<host>
        assertEquals("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                trust(build(Optional.of("acme/strata")), "reg-deploy").path("Statement").get(0).path("Principal")
                        .path("Federated").asText());
        var lookedUp = MockRun.run(AwsFixture.dev(), ctx -> new AwsRegistry("reg", new AwsRegistry.Args(SCOPE,
                AwsFixture.key("data"), Optional.of("acme/strata"),
                Optional.of("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")),
                ComponentResourceOptions.Empty)).mocks();
        assertEquals(0, lookedUp.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").size());
    }
}
