package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cidr;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpClusterTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> new GcpCluster("k", new GcpCluster.Args(GcpFixture.PROJECT, cfg.cluster(),
                cfg.environment().isProd(), Output.of("net"), Output.of("subnet"),
                GcpRanges.carve(Cidr.parse("10.40.0.0/16")), GcpFixture.key("cluster")), ComponentResourceOptions.Empty));
    }

    @Test
    void privateRegionalClusterWithWorkloadIdentityDataplaneV2AndEncryptedSecrets() {
        var gke = build(GcpFixture.dev()).mocks().one("gcp:container/cluster:Cluster").inputs;
        assertEquals("us-central1", gke.get("location"));
        assertEquals(GcpFixture.ZONES, gke.get("nodeLocations"));
        assertEquals(true, gke.get("removeDefaultNodePool"));
        var priv = map(gke.get("privateClusterConfig"));
        assertEquals(true, priv.get("enablePrivateNodes"));
        assertEquals(false, priv.get("enablePrivateEndpoint"), "the shipped stacks: public, for the deployer only");
        assertTrue(gke.get("masterAuthorizedNetworksConfig").toString()
                .contains(dev.strata.config.DeployerEgress.PLANNER + "/32"), "the deployer is admitted");
        assertEquals("10.40.48.0/28", priv.get("masterIpv4CidrBlock"));
        assertEquals("strata-dev-4711.svc.id.goog", map(gke.get("workloadIdentityConfig")).get("workloadPool"));
        assertEquals("ADVANCED_DATAPATH", gke.get("datapathProvider"));
        assertEquals(true, gke.get("enableShieldedNodes"));
        assertEquals("REGULAR", map(gke.get("releaseChannel")).get("channel"));
        assertEquals(Map.of("enabled", true), map(gke.get("monitoringConfig")).get("managedPrometheus"));
        var enc = map(gke.get("databaseEncryption"));
        assertEquals("ENCRYPTED", enc.get("state"));
        assertTrue(enc.get("keyName").toString().endsWith("/cryptoKeys/cluster"));
        assertEquals(false, gke.get("deletionProtection"));
        assertTrue(map(gke.get("loggingConfig")).get("enableComponents").toString().contains("WORKLOADS"));
    }

    @Test
    void adminNetworksOpenThePublicEndpointOnlyToThem() {
        var cfg = Fixtures.config("prod", Cloud.GCP, Map.of("clusterApiAllowedCidrs", "[\"203.0.113.0/24\"]"));
        var gke = build(cfg).mocks().one("gcp:container/cluster:Cluster").inputs;
        assertEquals(false, map(gke.get("privateClusterConfig")).get("enablePrivateEndpoint"));
        var authorized = map(gke.get("masterAuthorizedNetworksConfig"));
        assertTrue(authorized.get("cidrBlocks").toString().contains("203.0.113.0/24"));
        assertEquals(false, authorized.get("gcpPublicCidrsAccessEnabled"));
        assertEquals(true, gke.get("deletionProtection"), "prod");
    }

    @Test
    void nodePoolsKeyedByNameWithLeastPrivilegeAccountAndHardenedNodes() {
        var m = build(GcpFixture.prod()).mocks();
        var pool = m.inputs("gcp:container/nodePool:NodePool", "k-general");
        var autoscaling = map(pool.get("autoscaling"));
        assertEquals(1, num(autoscaling.get("minNodeCount")), "prod minSize 3 over 3 zones");
        assertEquals(3, num(autoscaling.get("maxNodeCount")), "prod maxSize 9 over 3 zones");
        assertEquals(Map.of("autoRepair", true, "autoUpgrade", true), pool.get("management"));
        var node = map(pool.get("nodeConfig"));
        assertEquals("e2-standard-4", node.get("machineType"));
        assertEquals("GKE_METADATA", map(node.get("workloadMetadataConfig")).get("mode"));
        assertEquals(Map.of("enableSecureBoot", true, "enableIntegrityMonitoring", true), node.get("shieldedInstanceConfig"));
        assertTrue(node.get("serviceAccount").toString().startsWith("k-nodes@"), "dedicated node account");
        var roles = m.ofType("gcp:projects/iAMMember:IAMMember").stream().map(r -> (String) r.inputs.get("role")).toList();
        assertEquals(Set.copyOf(GcpCluster.NODE_ROLES), Set.copyOf(roles));
        assertFalse(roles.stream().anyMatch(r -> r.contains("editor") || r.contains("owner")));
    }

    @Test
    void kubeconfigUsesTheAuthPluginAndAccountIdsFit() {
        String kc = GcpCluster.kubeconfig("c", "1.2.3.4", "Q0E=");
        assertTrue(kc.contains("gke-gcloud-auth-plugin"));
        assertFalse(kc.contains("token"));
        assertEquals("strata-dev-cluster-nodes", GcpCluster.nodeAccountId("strata-dev-cluster"));
        assertTrue(GcpCluster.nodeAccountId("strata-production-eu-cluster-long").length() <= 30);
    }

    /**
     * GKE creates a Service's standalone NEG only in zones that have nodes, and the load balancer's backend
     * names a NEG in every node location: every zone keeps at least one node, whatever the configured total.
     */
    @Test
    void everyZoneKeepsANodeSoEveryZoneHasItsNeg() {
        var dev = build(GcpFixture.dev()).mocks().inputs("gcp:container/nodePool:NodePool", "k-general");
        assertEquals(1, GcpFixture.dev().cluster().nodePools().get("general").minSize(), "dev asks for 1 node in total");
        assertEquals(1, num(map(dev.get("autoscaling")).get("minNodeCount")), "but every zone keeps one");
        assertFalse(map(dev.get("autoscaling")).containsKey("totalMinNodeCount"));
        for (int total = 0; total <= 10; total++) {
            assertTrue(GcpCluster.perZoneMin(total) >= 1);
            assertTrue(GcpCluster.perZoneMin(total) * GcpCluster.ZONES >= total, "never below the configured total");
        }
    }

    @Test
    void nodeBootDisksAreEncryptedWithTheClusterKey() {
        var node = map(build(GcpFixture.prod()).mocks().inputs("gcp:container/nodePool:NodePool", "k-general")
                .get("nodeConfig"));
        assertEquals("projects/strata-dev-4711/locations/us-central1/keyRings/r/cryptoKeys/cluster",
                node.get("bootDiskKmsKey"));
    }
}
