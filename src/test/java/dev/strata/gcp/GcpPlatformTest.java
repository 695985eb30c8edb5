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
        assertEquals(Set.of("gcp:organizations/getProject:getProject", "gcp:compute/getZones:getZones",
                "gcp:storage/getProjectServiceAccount:getProjectServiceAccount",
                "gcp:logging/getProjectCmekSettings:getProjectCmekSettings"), tokens);
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

    /** Types that encrypt with a Cloud KMS key of the stack; a new key user must be added here knowingly. */
    private static final Set<String> KEY_USERS = Set.of("gcp:secretmanager/secret:Secret", "gcp:storage/bucket:Bucket",
            "gcp:artifactregistry/repository:Repository", "gcp:sql/databaseInstance:DatabaseInstance",
            "gcp:logging/projectBucketConfig:ProjectBucketConfig", "gcp:container/cluster:Cluster",
            "gcp:container/nodePool:NodePool");

    /**
     * Cloud KMS keys are regional and every CMEK integration accepts only a key in its resource's location
     * (Secret Manager automatic replication: only "global"). Every use of every key in the plan is checked
     * against the location of the key's ring.
     */
    @Test
    void everyKmsKeyLivesWhereItsResourceLives() {
        for (Plan p : List.of(DEV, PROD)) {
            var rings = p.ofType("gcp:kms/keyRing:KeyRing").stream().collect(Collectors.toMap(PlannedResource::id,
                    r -> r.props().get("location").toString()));
            var keys = p.ofType("gcp:kms/cryptoKey:CryptoKey").stream().collect(Collectors.toMap(PlannedResource::id,
                    k -> rings.get(k.props().get("keyRing").toString())));
            var uses = new java.util.ArrayList<String>();
            for (var r : p.resources()) {
                if (r.type().equals("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")) {
                    continue;
                }
                String own = String.valueOf(r.props().getOrDefault("location", r.props().getOrDefault("region", "?")));
                keyUses(r.props(), own, keys.keySet(), (keyId, where) -> {
                    assertTrue(KEY_USERS.contains(r.type()), "unclassified key user " + r.type() + " " + r.name());
                    assertEquals(keys.get(keyId), where.toLowerCase(java.util.Locale.ROOT),
                            r.type() + " " + r.name() + " uses a key in " + keys.get(keyId));
                    uses.add(r.type());
                });
            }
            assertTrue(uses.containsAll(KEY_USERS), p.stack() + ": every CMEK user is encrypted: " + uses);
        }
    }

    private static void keyUses(Object node, String location, Set<String> keyIds,
                                java.util.function.BiConsumer<String, String> use) {
        if (node instanceof java.util.Map<?, ?> m) {
            String here = m.containsKey("location") ? String.valueOf(m.get("location"))
                    : m.containsKey("auto") ? "global" : location;
            m.forEach((k, v) -> keyUses(v, "auto".equals(k) ? "global" : here, keyIds, use));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> keyUses(v, location, keyIds, use));
        } else if (node instanceof String str && keyIds.contains(str)) {
            use.accept(str, location);
        }
    }

    @Test
    void everyCdnPolicyIsOneTheApiAcceptsAndHonoursPrivateResponses() {
        for (Plan p : List.of(DEV, PROD)) {
            for (var b : p.ofType("gcp:compute/backendService:BackendService")) {
                if (b.props().get("cdnPolicy") != null) {
                    assertEquals(List.of(), GcpCloudRules.cdnPolicyViolations(dev.strata.support.Props.map(
                            b.props().get("cdnPolicy"))), b.name());
                }
            }
        }
    }

    @Test
    void everyAlertComputesWhatItClaims() {
        for (Plan p : List.of(DEV, PROD)) {
            for (var a : p.ofType("gcp:monitoring/alertPolicy:AlertPolicy")) {
                assertEquals(List.of(), GcpCloudRules.alertClaimViolations(a.name(), a.props()));
            }
        }
        assertEquals(1, PROD.ofType("gcp:monitoring/alertPolicy:AlertPolicy").stream()
                .filter(a -> a.name().endsWith("-export-failed")).count(), "prod alerts on a failed export");
    }

    /** The backends name NEGs exactly in the cluster's node locations, never in a fixed list of zones. */
    @Test
    void negBackendsSpanExactlyTheClustersNodeLocations() {
        for (Plan p : List.of(DEV, PROD)) {
            var zones = Set.copyOf(dev.strata.support.Props.list(one(p, "gcp:container/cluster:Cluster").props()
                    .get("nodeLocations")));
            for (var b : p.ofType("gcp:compute/backendService:BackendService")) {
                var negZones = dev.strata.support.Props.list(b.props().get("backends")).stream()
                        .map(x -> dev.strata.support.Props.map(x).get("group").toString().split("/")[3])
                        .collect(Collectors.toSet());
                assertEquals(zones, negZones, b.name());
            }
        }
    }
}
