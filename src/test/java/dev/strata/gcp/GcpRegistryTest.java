package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpRegistryTest {

    private static MockRun.Recorded build(Optional<String> repo) {
        var ci = new dev.strata.config.CiConfig(repo, "main", repo.map(r -> "123456789"), repo.map(r -> "987654"));
        return MockRun.run(GcpFixture.dev(), ctx -> new GcpRegistry("reg", new GcpRegistry.Args(GcpFixture.PROJECT,
                GcpFixture.key("data"), ci, com.pulumi.core.Output.of("strata-dev-gke")), ComponentResourceOptions.Empty));
    }

    @Test
    void oldImagesAreCleanedUpButTheRecentOnesKept() {
        var repo = build(Optional.empty()).mocks().one("gcp:artifactregistry/repository:Repository").inputs;
        assertEquals(false, repo.get("cleanupPolicyDryRun"));
        var policies = Props.list(repo.get("cleanupPolicies")).stream().map(Props::map).toList();
        assertEquals(java.util.Set.of("KEEP", "DELETE"), policies.stream().map(p -> p.get("action"))
                .collect(java.util.stream.Collectors.toSet()));
        var keep = policies.stream().filter(p -> p.get("action").equals("KEEP")).findFirst().orElseThrow();
        assertEquals(GcpRegistry.KEEP_RECENT, Props.num(Props.map(keep.get("mostRecentVersions")).get("keepCount")));
        assertTrue(GcpServices.APIS.contains("containerscanning"), "vulnerability scanning of pushed images");
    }

    /** Names can be re-registered after a rename or deletion; GitHub's numeric ids cannot. */
    @Test
    void federationIsPinnedByGithubIdsAndTheDeployerSeesOnlyTheStacksCluster() {
        var m = build(Optional.of("acme/strata")).mocks();
        var provider = m.one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider").inputs;
        assertEquals("assertion.repository_id == '123456789' && assertion.repository_owner_id == '987654'"
                + " && assertion.repository == 'acme/strata' && assertion.ref == 'refs/heads/main'",
                provider.get("attributeCondition"));
        assertTrue(m.one("gcp:serviceaccount/iAMMember:IAMMember").inputs.get("member").toString()
                .endsWith("/attribute.repository_id/123456789"));
        var cluster = m.inputs("gcp:projects/iAMMember:IAMMember", "reg-deployer-cluster");
        assertEquals("resource.name == 'projects/strata-dev-4711/locations/us-central1/clusters/strata-dev-gke'",
                Props.map(cluster.get("condition")).get("expression"));
    }

    @Test
    void immutableEncryptedDockerRepository() {
        var m = build(Optional.empty()).mocks();
        var repo = m.one("gcp:artifactregistry/repository:Repository").inputs;
        assertEquals("DOCKER", repo.get("format"));
        assertEquals(true, Props.map(repo.get("dockerConfig")).get("immutableTags"));
        assertTrue(repo.get("kmsKeyName").toString().endsWith("cryptoKeys/data"));
        assertEquals(0, m.ofType("gcp:iam/workloadIdentityPool:WorkloadIdentityPool").size());
    }

    @Test
    void githubFederationAdmitsOneBranchAndPushesOnlyToThisRepository() {
        var m = build(Optional.of("acme/strata")).mocks();
        assertTrue(m.one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider").inputs
                .get("attributeCondition").toString().endsWith("assertion.ref == 'refs/heads/main'"));
        assertEquals("roles/artifactregistry.writer", m.one("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember")
                .inputs.get("role"));
    }
}
