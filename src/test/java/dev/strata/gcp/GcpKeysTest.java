package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.gcp.GcpKeys.Agent;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpKeysTest {
    private static final String STORAGE = "service-100000000001@gs-project-accounts.iam.gserviceaccount.com";
    private static final String LOGGING = "service-100000000001@gcp-sa-logging.iam.gserviceaccount.com";

    private static MockRun.Recorded build(Map<String, Set<Agent>> users) {
        return MockRun.run(GcpFixture.prod(), ctx -> new GcpKeys("keys", new GcpKeys.Args(GcpFixture.PROJECT, true,
                users, Output.of(STORAGE), Output.of(LOGGING)), ComponentResourceOptions.Empty));
    }

    @Test
    void oneKeyRingPerLocationInUseEachKeyUsableOnlyByItsServiceAgents() {
        var m = build(Map.of("us-central1", EnumSet.of(Agent.SECRET_MANAGER, Agent.CLOUD_SQL, Agent.ARTIFACT_REGISTRY,
                Agent.STORAGE, Agent.LOGGING), "us-east1", EnumSet.of(Agent.STORAGE))).mocks();
        assertEquals(Set.of("us-central1", "us-east1"), m.ofType("gcp:kms/keyRing:KeyRing").stream()
                .map(r -> r.inputs.get("location")).collect(Collectors.toSet()));
        var keys = m.ofType("gcp:kms/cryptoKey:CryptoKey");
        assertEquals(Set.of("keys-cluster", "keys-data", "keys-data-us-east1"),
                keys.stream().map(k -> k.name).collect(Collectors.toSet()));
        keys.forEach(k -> assertEquals(GcpKeys.ROTATION, k.inputs.get("rotationPeriod")));
        var grants = m.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
        var byName = grants.stream().collect(Collectors.toMap(g -> g.name, g -> g.inputs.get("member").toString()));
        assertEquals(Set.of("keys-cluster-gke", "keys-cluster-compute", "keys-data-secret-manager", "keys-data-cloud-sql",
                "keys-data-artifact-registry", "keys-data-storage", "keys-data-logging", "keys-data-us-east1-storage"),
                byName.keySet());
        for (var g : grants) {
            assertEquals(GcpKeys.ENCRYPTER, g.inputs.get("role"));
            assertTrue(g.inputs.get("member").toString().startsWith("serviceAccount:service-100000000001@"),
                    "only service agents: " + g.inputs.get("member"));
        }
        assertEquals("serviceAccount:" + STORAGE, byName.get("keys-data-us-east1-storage"));
        assertEquals("serviceAccount:" + LOGGING, byName.get("keys-data-logging"));
        assertEquals("serviceAccount:service-100000000001@container-engine-robot.iam.gserviceaccount.com",
                byName.get("keys-cluster-gke"));
        assertEquals("serviceAccount:service-100000000001@compute-system.iam.gserviceaccount.com",
                byName.get("keys-cluster-compute"));
    }

    @Test
    void agentsThatAppearOnlyOnRequestAreCreatedAndTheirGrantsNameThem() {
        var m = build(Map.of("us-central1", EnumSet.of(Agent.SECRET_MANAGER, Agent.CLOUD_SQL, Agent.ARTIFACT_REGISTRY)))
                .mocks();
        var identities = m.ofType("gcp:projects/serviceIdentity:ServiceIdentity").stream()
                .map(r -> r.inputs.get("service")).collect(Collectors.toSet());
        assertEquals(Set.of("secretmanager.googleapis.com", "sqladmin.googleapis.com",
                "artifactregistry.googleapis.com"), identities);
        assertEquals("serviceAccount:service-100000000001@gcp-sa-cloud-sql.iam.gserviceaccount.com",
                m.inputs("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "keys-data-cloud-sql").get("member"));
    }

    @Test
    void theStacksRegionMustHaveADataKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GcpKeys.Args(GcpFixture.PROJECT, false,
                Map.of("us-east1", EnumSet.of(Agent.STORAGE)), Output.of(STORAGE), Output.of(LOGGING)));
        assertTrue(e.getMessage().contains("us-central1"), e.getMessage());
    }
}
