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
        return MockRun.run(GcpFixture.dev(), ctx -> new GcpRegistry("reg", new GcpRegistry.Args(GcpFixture.PROJECT,
                GcpFixture.key("data"), repo, "main"), ComponentResourceOptions.Empty));
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
    void githubFederationIsPinnedToRepoAndBranch() {
        var m = build(Optional.of("acme/strata")).mocks();
        var provider = m.one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider").inputs;
        assertEquals("assertion.repository == 'acme/strata' && assertion.ref == 'refs/heads/main'",
                provider.get("attributeCondition"));
        assertEquals("roles/artifactregistry.writer", m.one("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember")
                .inputs.get("role"));
        assertTrue(m.one("gcp:serviceaccount/iAMMember:IAMMember").inputs.get("member").toString()
                .endsWith("/attribute.repository/acme/strata"));
    }
}
