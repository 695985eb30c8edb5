package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.gcp.Provider;
import com.pulumi.gcp.ProviderArgs;
import com.pulumi.gcp.compute.ComputeFunctions;
import com.pulumi.gcp.compute.inputs.GetZonesArgs;
import com.pulumi.gcp.logging.LoggingFunctions;
import com.pulumi.gcp.logging.inputs.GetProjectCmekSettingsArgs;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectArgs;
import com.pulumi.gcp.storage.StorageFunctions;
import com.pulumi.gcp.storage.inputs.GetProjectServiceAccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.Labels;
import dev.strata.platform.Naming;
import dev.strata.platform.Platform;
import dev.strata.platform.WorkloadBindings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCP implementation of the {@link Platform} contract. The required APIs are enabled through a
 * bootstrap provider; the stack's provider (project, region, the {@link Labels} made label-safe as default
 * labels) depends on them, so every other GCP resource is created only once its API is on. The lookups
 * (project number, the region's zones, the Cloud Storage and Cloud Logging service agents) are chained on
 * the API that answers them, so a fresh project's first preview shows them unknown instead of failing. It
 * then wires: keys (one ring per location in use), network, cluster, registry, database, workload identity
 * (after the cluster: the identity pool), Cloud Armor, backups, observability. The load balancer comes in
 * {@link #expose}, after the workload's Services (its backends are their NEGs, in the cluster's zones).
 */
public final class GcpPlatform extends ComponentResource implements Platform {
    public static final String TYPE = "strata:gcp:GcpPlatform";
    /** Requests one client IP may send per minute before Cloud Armor throttles it. */
    static final int ARMOR_RATE_LIMIT = 600;

    private final String name;
    private final StackConfig cfg;
    private final String region;
    private final String projectId;
    private final Provider provider;
    private final GcpProject project;
    private final GcpCluster cluster;
    private final GcpDatabase database;
    private final GcpArmor armor;
    private final GcpWorkloadBindings bindings;
    private final ComponentResourceOptions children;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    public GcpPlatform(String name, StackConfig cfg, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.name = name;
        this.cfg = cfg;
        this.region = cfg.region();
        this.projectId = cfg.gcpProject().orElseThrow();
        boolean prod = cfg.environment().isProd();
        var naming = new Naming(cfg.project(), cfg.stack());
        var labels = Labels.gcp(Labels.of(cfg));

        var bootstrap = new Provider(name + "-gcp-bootstrap", ProviderArgs.builder().project(projectId).region(region)
                .defaultLabels(labels).build(), CustomResourceOptions.builder().parent(this).build());
        var apis = new GcpServices(name + "-apis", projectId, ComponentResourceOptions.builder().parent(this)
                .providers(bootstrap).build());
        this.provider = new Provider(name + "-gcp", ProviderArgs.builder().project(projectId).region(region)
                .defaultLabels(labels).build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(apis.enabled()).build());
        var invoke = InvokeOptions.builder().provider(provider).parent(this).build();
        this.project = lookup(apis, invoke);
        this.children = ComponentResourceOptions.builder().parent(this).providers(provider).build();

        var keys = new GcpKeys(name + "-keys", new GcpKeys.Args(project, prod, dataKeyUsers(cfg),
                lookupAfter(apis, "storage", () -> StorageFunctions.getProjectServiceAccount(
                        GetProjectServiceAccountArgs.builder().project(projectId).build(), invoke)
                        .applyValue(r -> r.emailAddress())),
                lookupAfter(apis, "logging", () -> LoggingFunctions.getProjectCmekSettings(
                        GetProjectCmekSettingsArgs.builder().project(projectId).build(), invoke)
                        .applyValue(r -> r.serviceAccountId()))), children);
        var ranges = GcpRanges.carve(cfg.network().vpcCidr());
        var network = new GcpNetwork(name + "-network", new GcpNetwork.Args(project, ranges, cfg.app().port()),
                children);
        this.cluster = new GcpCluster(name + "-cluster", new GcpCluster.Args(project, cfg.cluster(), prod,
                network.networkId(), network.subnetId(), ranges, keys.clusterKey()), children);
        var registry = new GcpRegistry(name + "-registry", new GcpRegistry.Args(project, keys.dataKey(region),
                cfg.ci(), cfg.stack(), name), children);
        this.database = new GcpDatabase(name + "-database", new GcpDatabase.Args(project, cfg.database(), prod,
                network.networkId(), network.privateServicesRange(), keys.dataKey(region)), children);
        var identity = new GcpWorkloadIdentity(name + "-workload-identity", new GcpWorkloadIdentity.Args(project,
                naming.appNamespace(), naming.appNamespace(), java.util.Optional.of(Naming.MIGRATION_SERVICE_ACCOUNT)
                .filter(ksa -> cfg.app().migrationJob()), cluster.cluster(),
                database.secretId(), database.instanceName()), children);
        this.armor = new GcpArmor(name + "-armor", new GcpArmor.Args(ARMOR_RATE_LIMIT), children);
        var backups = new GcpBackups(name + "-backups", new GcpBackups.Args(project, cfg.backup(), prod, keys::dataKey,
                database.instanceName(), database.serviceAccountEmail(), database.connection().database()), children);
        var observability = new GcpObservability(name + "-observability", new GcpObservability.Args(project,
                naming.appNamespace(), cfg.observability().logRetentionDays(), cfg.observability().alertEmail(),
                database.instanceName(), keys.dataKey(region), backups.exportWorkflow()), children);
        this.bindings = new GcpWorkloadBindings(identity.email(), identity.migrationEmail(), List.of(ranges.privateServices().toString()), name);

        outputs.put("cloud", Output.of(cloud().id()));
        outputs.put("region", Output.of(region));
        outputs.put("gcpProject", Output.of(projectId));
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("kubeconfig", cluster.kubeconfig());
        outputs.put("databaseEndpoint", database.connection().host());
        outputs.put("imageRepositoryUrl", registry.repositoryUrl());
        // the GitHub environments' GCP_WORKLOAD_IDENTITY_PROVIDER and GCP_SERVICE_ACCOUNT (<stack>: deploy,
        // preview-<stack>: preview)
        registry.ci().ifPresent(ci -> {
            outputs.put("ciWorkloadIdentityProvider", ci.provider());
            outputs.put("ciDeployServiceAccount", ci.deployServiceAccount());
            outputs.put("ciPreviewServiceAccount", ci.previewServiceAccount());
        });
        outputs.put("dashboardUrl", observability.dashboardId().applyValue(id ->
                "https://console.cloud.google.com/monitoring/dashboards/custom/" + id.substring(id.lastIndexOf('/') + 1)
                        + "?project=" + projectId));
        registerOutputs(Map.of("region", Output.of(region), "project", Output.of(projectId)));
    }

    /**
     * Project number (service agents are named after it) and the region's first three zones that are up,
     * each looked up only after the API that answers it is enabled (a fresh project has neither the Resource
     * Manager nor the Compute API on; a lookup before them fails the first preview).
     */
    private GcpProject lookup(GcpServices apis, InvokeOptions invoke) {
        Output<String> number = lookupAfter(apis, "cloudresourcemanager", () -> OrganizationsFunctions.getProject(
                GetProjectArgs.builder().projectId(projectId).build(), invoke).applyValue(r -> r.number()));
        Output<List<String>> zones = lookupAfter(apis, "compute", () -> ComputeFunctions.getZones(
                GetZonesArgs.builder().project(projectId).region(region).status("UP").build(), invoke)
                .applyValue(r -> threeZones(region, r.names())));
        return new GcpProject(projectId, number, region, zones);
    }

    /** A lookup that runs only once the API is enabled (unknown in a preview that enables it). */
    private static <T> Output<T> lookupAfter(GcpServices apis, String api, java.util.function.Supplier<Output<T>> call) {
        return apis.ready(api).apply(ignored -> call.get());
    }

    static List<String> threeZones(String region, List<String> up) {
        var zones = up.stream().sorted().limit(3).toList();
        if (zones.size() < 3) {
            throw new IllegalStateException("region " + region + " has only " + zones.size()
                    + " zones up; the platform needs 3");
        }
        return zones;
    }

    /**
     * Who uses the data key where: in the region, every CMEK service of the platform; in the backup copy
     * region (prod), Cloud Storage for the export bucket.
     */
    static Map<String, java.util.Set<GcpKeys.Agent>> dataKeyUsers(StackConfig cfg) {
        var users = new LinkedHashMap<String, java.util.Set<GcpKeys.Agent>>();
        users.put(cfg.region(), java.util.EnumSet.of(GcpKeys.Agent.SECRET_MANAGER, GcpKeys.Agent.CLOUD_SQL,
                GcpKeys.Agent.ARTIFACT_REGISTRY, GcpKeys.Agent.STORAGE, GcpKeys.Agent.LOGGING));
        GcpBackups.location(cfg.region(), cfg.backup()).ifPresent(copy -> users.merge(copy,
                java.util.EnumSet.of(GcpKeys.Agent.STORAGE), (a, b) -> {
                    var all = java.util.EnumSet.copyOf(a);
                    all.addAll(b);
                    return all;
                }));
        return users;
    }

    /** The explicit provider every GCP resource of this stack must use. */
    public Provider provider() {
        return provider;
    }

    /** The GCP project id of the stack. */
    public String project() {
        return projectId;
    }

    @Override
    public Cloud cloud() {
        return Cloud.GCP;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public com.pulumi.kubernetes.Provider kubernetes() {
        return cluster.kubernetes();
    }

    @Override
    public List<Resource> readyForWorkloads() {
        return cluster.readyForWorkloads();
    }

    @Override
    public DatabaseConnection database() {
        return database.connection();
    }

    @Override
    public WorkloadBindings workloadBindings() {
        return bindings;
    }

    /** Builds the global load balancer on the Services' standalone NEGs; they must exist first. */
    @Override
    public Output<String> expose(Map<String, Resource> services) {
        var edge = new GcpEdge(name + "-edge", new GcpEdge.Args(project, cfg.edge(), cfg.app().port(),
                cfg.app().readinessPath(), name, cluster.nodeLocations(), armor.policyId(), services), children);
        outputs.put("publicUrl", edge.publicUrl());
        outputs.put("edgeAddress", edge.address());
        return edge.publicUrl();
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
