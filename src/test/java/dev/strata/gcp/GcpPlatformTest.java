package dev.strata.gcp;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole GCP platform for dev and prod, and what differs between them. */
class GcpPlatformTest {
    private static final Plan DEV = Planner.plan(Fixtures.config("dev", Cloud.GCP));
    private static final Plan PROD = Planner.plan(Fixtures.config("prod", Cloud.GCP));

    private static PlannedResource one(Plan p, String type) {
        var all = p.ofType(type);
        assertEquals(1, all.size(), type);
        return all.get(0);
    }

    @Test
    void everyCapabilityIsAComponentBelowThePlatform() {
        for (Plan p : List.of(DEV, PROD)) {
            var platform = one(p, GcpPlatform.TYPE);
            var components = p.childrenOf(platform.urn()).stream().filter(PlannedResource::isComponent)
                    .map(PlannedResource::type).collect(Collectors.toSet());
            assertEquals(Set.of(GcpServices.TYPE, GcpKeys.TYPE, GcpRegistry.TYPE, GcpNetwork.TYPE, GcpCluster.TYPE,
                    GcpDatabase.TYPE, GcpArmor.TYPE, GcpBackups.TYPE, GcpObservability.TYPE, GcpWorkloadIdentity.TYPE,
                    GcpEdge.TYPE), components);
        }
    }

    @Test
    void devAndProdDifferWhereTheyShould() {
        @SuppressWarnings("unchecked")
        var devSettings = (java.util.Map<String, Object>) one(DEV, "gcp:sql/databaseInstance:DatabaseInstance").props()
                .get("settings");
        @SuppressWarnings("unchecked")
        var prodSettings = (java.util.Map<String, Object>) one(PROD, "gcp:sql/databaseInstance:DatabaseInstance")
                .props().get("settings");
        assertEquals("ZONAL", devSettings.get("availabilityType"));
        assertEquals("REGIONAL", prodSettings.get("availabilityType"));
        assertEquals(false, one(DEV, "gcp:container/cluster:Cluster").props().get("deletionProtection"));
        assertEquals(true, one(PROD, "gcp:container/cluster:Cluster").props().get("deletionProtection"));
        assertEquals(0, DEV.ofType("gcp:cloudscheduler/job:Job").size());
        assertEquals(1, PROD.ofType("gcp:cloudscheduler/job:Job").size());
        assertEquals(90.0, one(PROD, "gcp:logging/projectBucketConfig:ProjectBucketConfig").props().get("retentionDays"));
    }

    @Test
    void looksUpProjectNumberAndZonesThroughTheStacksProvider() {
        var cfg = Fixtures.config("dev", Cloud.GCP);
        var run = dev.strata.support.MockRun.run(cfg, ctx -> new GcpPlatform("p", cfg,
                com.pulumi.resources.ComponentResourceOptions.Empty));
        var tokens = run.mocks().calls().stream().map(c -> c.token).collect(Collectors.toSet());
        assertEquals(Set.of("gcp:organizations/getProject:getProject", "gcp:compute/getZones:getZones"), tokens);
        run.mocks().calls().forEach(c -> assertTrue(c.provider.contains("p-gcp::"), c.token));
        assertEquals(List.of("us-central1-a", "us-central1-b", "us-central1-c"),
                run.mocks().one("gcp:container/cluster:Cluster").inputs.get("nodeLocations"));
        assertTrue(run.mocks().ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").stream()
                .allMatch(m -> m.inputs.get("member").toString().contains("service-100000000001@")),
                "service agents are named after the looked-up project number");
    }

    @Test
    void everyGcpResourceExceptTheApisUsesTheStacksProviderWhichWaitsForTheApis() {
        for (Plan p : List.of(DEV, PROD)) {
            String stack = p.stack();
            for (var r : p.resources()) {
                if (!r.type().startsWith("gcp:")) {
                    continue;
                }
                String provider = p.byUrn(r.provider()).orElseThrow().name();
                assertEquals(r.type().equals("gcp:projects/service:Service") ? "strata-" + stack + "-gcp-bootstrap"
                        : "strata-" + stack + "-gcp", provider, r.name());
            }
            assertTrue(p.outputs().keySet().containsAll(Set.of("publicUrl", "clusterName", "kubeconfig",
                    "databaseEndpoint", "imageRepositoryUrl", "dashboardUrl", "gcpProject")));
            assertEquals("[secret]", p.outputs().get("kubeconfig"));
        }
    }
}
