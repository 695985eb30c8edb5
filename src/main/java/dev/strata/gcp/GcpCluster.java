package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.container.Cluster;
import com.pulumi.gcp.container.ClusterArgs;
import com.pulumi.gcp.container.NodePool;
import com.pulumi.gcp.container.NodePoolArgs;
import com.pulumi.gcp.container.inputs.ClusterAddonsConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterAddonsConfigGcePersistentDiskCsiDriverConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterDatabaseEncryptionArgs;
import com.pulumi.gcp.container.inputs.ClusterIpAllocationPolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterLoggingConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyArgs;
import com.pulumi.gcp.container.inputs.ClusterMaintenancePolicyDailyMaintenanceWindowArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMasterAuthorizedNetworksConfigCidrBlockArgs;
import com.pulumi.gcp.container.inputs.ClusterMonitoringConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterMonitoringConfigManagedPrometheusArgs;
import com.pulumi.gcp.container.inputs.ClusterNodeConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterPrivateClusterConfigArgs;
import com.pulumi.gcp.container.inputs.ClusterReleaseChannelArgs;
import com.pulumi.gcp.container.inputs.ClusterWorkloadIdentityConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolAutoscalingArgs;
import com.pulumi.gcp.container.inputs.NodePoolManagementArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigShieldedInstanceConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolNodeConfigWorkloadMetadataConfigArgs;
import com.pulumi.gcp.container.inputs.NodePoolUpgradeSettingsArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.ClusterConfig;
import dev.strata.config.NodePoolConfig;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regional GKE over the region's three zones: private nodes (no public IPs), the control plane's public
 * endpoint only for the configured networks (a private endpoint only when none), Workload Identity,
 * shielded nodes, Dataplane V2 (network policy enforced), the REGULAR release channel (managed versions,
 * auto-upgrades), system and workload logging, system monitoring and managed Prometheus, application-layer
 * secrets encryption with the cluster KMS key. The default node pool is removed; node pools come from
 * config, keyed by name, as separate resources (total autoscaling bounds across zones, auto-repair and
 * auto-upgrade, surge upgrades, GKE metadata server, secure boot) running as a dedicated node service
 * account with only the logging, monitoring and registry-read roles. The Kubernetes provider uses an
 * exec-based credential plugin and is ready once the node pools exist.
 */
public final class GcpCluster extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpCluster";
    /** A regional cluster spans three zones of its region (looked up, {@link GcpPlatform#threeZones}). */
    static final int ZONES = 3;
    static final List<String> NODE_ROLES = List.of("roles/logging.logWriter", "roles/monitoring.metricWriter",
            "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/artifactregistry.reader");

    record Args(GcpProject project, ClusterConfig cluster, boolean prod, Output<String> networkId,
                Output<String> subnetId, GcpRanges ranges, Output<String> clusterKey) {
    }

    private final Cluster cluster;
    private final Output<String> kubeconfig;
    private final Provider kubernetes;
    private final Map<String, NodePool> pools = new LinkedHashMap<>();

    GcpCluster(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();

        var nodeAccount = new Account(name + "-nodes", AccountArgs.builder()
                .accountId(nodeAccountId(name))
                .displayName("GKE nodes of " + name)
                .build(), child);
        for (String role : NODE_ROLES) {
            new IAMMember(name + "-nodes-" + role.substring(role.indexOf('/') + 1), IAMMemberArgs.builder()
                    .project(p.projectId()).role(role)
                    .member(nodeAccount.email().applyValue(e -> "serviceAccount:" + e))
                    .build(), child);
        }

        var cidrs = args.cluster().apiAllowedCidrs().stream().map(c -> ClusterMasterAuthorizedNetworksConfigCidrBlockArgs
                .builder().cidrBlock(c.toString()).displayName("admin " + c).build()).toList();
        this.cluster = new Cluster(name + "-gke", ClusterArgs.builder()
                .location(p.region())
                .nodeLocations(p.zones())
                .network(args.networkId())
                .subnetwork(args.subnetId())
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                // the default pool exists only until removeDefaultNodePool deletes it, but its disk is CMEK too
                // (an org policy restricting non-CMEK disks would refuse it)
                .nodeConfig(ClusterNodeConfigArgs.builder().serviceAccount(nodeAccount.email())
                        .bootDiskKmsKey(args.clusterKey())
                        .oauthScopes("https://www.googleapis.com/auth/cloud-platform").build())
                .ipAllocationPolicy(ClusterIpAllocationPolicyArgs.builder()
                        .clusterSecondaryRangeName("pods").servicesSecondaryRangeName("services").build())
                .privateClusterConfig(ClusterPrivateClusterConfigArgs.builder()
                        .enablePrivateNodes(true)
                        .enablePrivateEndpoint(cidrs.isEmpty())
                        .masterIpv4CidrBlock(args.ranges().controlPlane().toString())
                        .build())
                .masterAuthorizedNetworksConfig(ClusterMasterAuthorizedNetworksConfigArgs.builder()
                        .cidrBlocks(cidrs).gcpPublicCidrsAccessEnabled(false).build())
                .workloadIdentityConfig(ClusterWorkloadIdentityConfigArgs.builder().workloadPool(p.workloadPool())
                        .build())
                .releaseChannel(ClusterReleaseChannelArgs.builder().channel("REGULAR").build())
                .minMasterVersion(args.cluster().kubernetesVersion())
                .datapathProvider("ADVANCED_DATAPATH")
                .enableShieldedNodes(true)
                .enableLegacyAbac(false)
                .loggingConfig(ClusterLoggingConfigArgs.builder()
                        .enableComponents("SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER").build())
                .monitoringConfig(ClusterMonitoringConfigArgs.builder()
                        .enableComponents("SYSTEM_COMPONENTS", "APISERVER", "DEPLOYMENT", "POD", "HPA")
                        .managedPrometheus(ClusterMonitoringConfigManagedPrometheusArgs.builder().enabled(true).build())
                        .build())
                .databaseEncryption(ClusterDatabaseEncryptionArgs.builder().state("ENCRYPTED")
                        .keyName(args.clusterKey()).build())
                .addonsConfig(ClusterAddonsConfigArgs.builder()
                        .gcePersistentDiskCsiDriverConfig(ClusterAddonsConfigGcePersistentDiskCsiDriverConfigArgs
                                .builder().enabled(true).build()).build())
                .maintenancePolicy(ClusterMaintenancePolicyArgs.builder().dailyMaintenanceWindow(
                        ClusterMaintenancePolicyDailyMaintenanceWindowArgs.builder().startTime("03:00").build()).build())
                .deletionProtection(args.prod())
                .build(), child);

        int zones = ZONES;
        for (NodePoolConfig pool : args.cluster().nodePools().values()) {
            pools.put(pool.name(), new NodePool(name + "-" + pool.name(), NodePoolArgs.builder()
                    .cluster(cluster.id())
                    .location(p.region())
                    .initialNodeCount(Math.max(1, (pool.desiredSize() + zones - 1) / zones))
                    // per-zone bounds with at least one node in every zone: a zone without nodes gets no
                    // standalone NEG, and a backend naming a missing NEG is refused (see nodeLocations())
                    .autoscaling(NodePoolAutoscalingArgs.builder()
                            .minNodeCount(perZoneMin(pool.minSize())).maxNodeCount(perZoneMax(pool))
                            .locationPolicy("BALANCED").build())
                    .management(NodePoolManagementArgs.builder().autoRepair(true).autoUpgrade(true).build())
                    .upgradeSettings(NodePoolUpgradeSettingsArgs.builder().maxSurge(1).maxUnavailable(0).build())
                    .nodeConfig(NodePoolNodeConfigArgs.builder()
                            .machineType(pool.machineType())
                            .serviceAccount(nodeAccount.email())
                            .oauthScopes("https://www.googleapis.com/auth/cloud-platform")
                            .diskType("pd-balanced").diskSizeGb(50)
                            // CMEK boot disks: the Compute Engine service agent encrypts with the cluster key,
                            // which lives in the cluster's region (a regional key protects zonal disks there)
                            .bootDiskKmsKey(args.clusterKey())
                            .imageType("COS_CONTAINERD")
                            .shieldedInstanceConfig(NodePoolNodeConfigShieldedInstanceConfigArgs.builder()
                                    .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                            .workloadMetadataConfig(NodePoolNodeConfigWorkloadMetadataConfigArgs.builder()
                                    .mode("GKE_METADATA").build())
                            .labels(Map.of("strata-dev-pool", pool.name()))
                            .tags(GcpNetwork.NODE_TAG)
                            .build())
                    .build(), CustomResourceOptions.builder().parent(this)
                    // the cluster autoscaler owns the current size; config sets only the bounds
                    .ignoreChanges("initialNodeCount").build()));
        }
        List<Resource> nodes = new ArrayList<>(pools.values());

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.masterAuth())
                .applyValue(t -> kubeconfig(t.t1, t.t2, t.t3.clusterCaCertificate().orElse(""))).asSecret();
        this.kubernetes = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig).enableServerSideApply(true).build(),
                CustomResourceOptions.builder().parent(this).dependsOn(nodes).build());
        registerOutputs(Map.of("clusterName", cluster.name(), "kubeconfig", kubeconfig));
    }

    /** Per-zone lower bound: the configured total spread over the zones, never below one node per zone. */
    static int perZoneMin(int totalMin) {
        return Math.max(1, (totalMin + ZONES - 1) / ZONES);
    }

    /** Per-zone upper bound: the configured total spread over the zones, at least the lower bound. */
    static int perZoneMax(NodePoolConfig pool) {
        return Math.max(perZoneMin(pool.minSize()), (pool.maxSize() + ZONES - 1) / ZONES);
    }

    /** Service account ids are 6-30 characters of [a-z0-9-]. */
    static String nodeAccountId(String name) {
        String id = name.replaceAll("[^a-z0-9-]", "-") + "-nodes";
        return id.length() <= 30 ? id : id.substring(0, 24) + "-nodes";
    }

    /** A kubeconfig without credentials: {@code gke-gcloud-auth-plugin} fetches a token at use. */
    static String kubeconfig(String clusterName, String endpoint, String caData) {
        return dev.strata.platform.Json.write(Map.of(
                    "apiVersion", "v1", "kind", "Config", "current-context", clusterName,
                    "clusters", List.of(Map.of("name", clusterName, "cluster", Map.of(
                            "server", "https://" + endpoint, "certificate-authority-data", caData))),
                    "contexts", List.of(Map.of("name", clusterName, "context", Map.of("cluster", clusterName,
                            "user", clusterName))),
                    "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                            "apiVersion", "client.authentication.k8s.io/v1beta1",
                            "command", "gke-gcloud-auth-plugin", "provideClusterInfo", true,
                            "installHint", "gcloud components install gke-gcloud-auth-plugin"))))));
    }

    /** The cluster resource: the Workload Identity pool exists once it does. */
    Cluster cluster() {
        return cluster;
    }

    /**
     * The zones the node pools run in, read back from the cluster: GKE's NEG controller creates a Service's
     * standalone NEG only in zones that have nodes, so the load balancer's backends follow this list.
     */
    public Output<List<String>> nodeLocations() {
        return cluster.nodeLocations();
    }

    public Output<String> clusterName() {
        return cluster.name();
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    public Provider kubernetes() {
        return kubernetes;
    }

    /** The minimal "ready for workloads" on GKE: the cluster and its node pools (add-ons are GKE-managed). */
    public List<Resource> readyForWorkloads() {
        var ready = new ArrayList<Resource>();
        ready.add(cluster);
        ready.addAll(pools.values());
        return ready;
    }
}
