package dev.strata.aws;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI identities in the whole plans of dev and prod with {@code ciGithubRepo} set: the deploy role's scopes
 * cover every resource the stack has (a module the plan gains fails here until {@link CiPolicies#SERVICES} lists
 * it), and the stack exports both roles for the GitHub environments.
 */
class AwsCiIdentitiesPlanTest {

    static Plan plan(String stack) {
        return Planner.plan(Fixtures.config(stack, Cloud.AWS, Map.of("ciGithubRepo", "acme/strata",
                "ciGithubOidcProvider", "create")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDeployRoleMayManageEveryResourceOfThePlan(String stack) {
        var plan = plan(stack);
        String prefix = "strata-" + stack + "-";
        var uncovered = new TreeSet<String>();
        for (var r : plan.resources()) {
            if (!r.type().startsWith("aws:") || r.isComponent() || r.type().startsWith("aws:index/")) {
                continue;
            }
            String module = r.type().substring(4, r.type().indexOf('/'));
            if (!CiPolicies.SERVICES.containsKey(module) && !CiPolicies.SCOPED_MODULES.contains(module)) {
                uncovered.add(r.type());
            }
        }
        assertEquals(new TreeSet<String>(), uncovered, "add the modules' IAM services to CiPolicies.SERVICES");
        // S3 and IAM are scoped by name: auto-naming keeps the logical name, which must start with the prefix
        for (var type : new String[] {"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:iam/role:Role"}) {
            for (var r : plan.ofType(type)) {
                boolean ci = r.props().get("path") != null && r.props().get("path").equals(CiPolicies.PATH);
                assertTrue(ci || r.name().startsWith(prefix), r.name() + " is outside the deploy role's scope");
                assertTrue(!ci || r.name().matches(".*-(deploy|preview)$"), r.name());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theStackExportsBothRolesAndTheClusterAdmitsThem(String stack) {
        var plan = plan(stack);
        assertTrue(plan.outputs().containsKey("ciDeployRoleArn"), plan.outputs().keySet().toString());
        assertTrue(plan.outputs().containsKey("ciPreviewRoleArn"), plan.outputs().keySet().toString());
        var policies = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream()
                .map(r -> String.valueOf(r.props().get("policyArn"))).sorted().toList();
        assertEquals(2, policies.size());
        assertTrue(policies.get(0).endsWith("AmazonEKSClusterAdminPolicy") && policies.get(1).endsWith("AmazonEKSViewPolicy"),
                policies.toString());
        // the trust names the provider before it exists (so previews carry it); the roles wait for it
        var provider = plan.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").stream()
                .filter(r -> r.name().endsWith("-github")).findFirst().orElseThrow();
        for (var role : plan.ofType("aws:iam/role:Role")) {
            if (CiPolicies.PATH.equals(role.props().get("path"))) {
                assertTrue(role.dependencies().contains(provider.urn()), role.name());
                assertTrue(String.valueOf(role.props().get("assumeRolePolicy")).contains(
                        "\"" + AwsRegistry.githubProviderArn(AwsFixture.ACCOUNT) + "\""), role.name());
            }
        }
        assertEquals(0, AwsDeployReadinessTest.DEV.outputs().keySet().stream().filter(k -> k.startsWith("ci")).count(),
                "no CI outputs without ciGithubRepo");
    }
}
