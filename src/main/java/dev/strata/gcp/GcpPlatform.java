package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.gcp.Provider;
import com.pulumi.gcp.ProviderArgs;
import com.pulumi.gcp.compute.ComputeFunctions;
import com.pulumi.gcp.compute.inputs.GetZonesPlainArgs;
import com.pulumi.gcp.organizations.OrganizationsFunctions;
import com.pulumi.gcp.organizations.inputs.GetProjectPlainArgs;
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
 * labels) depends on them, so every other GCP resource is created only once its API is on. It looks up the
 * project number and the region's zones once, then wires: keys, registry, network, cluster, database,
 * Cloud Armor, backups, observability and the workload's identity. The load balancer comes in
 * {@link #expose}, after the workload's Services (its backends are their NEGs).
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
        this.project = lookup();
        this.children = ComponentResourceOptions.builder().parent(this).providers(provider).build();

        var keys = new GcpKeys(name + "-keys", new GcpKeys.Args(project, prod), children);
        var registry = new GcpRegistry(name + "-registry", new GcpRegistry.Args(project, keys.dataKey(),
                cfg.ci().githubRepo(), cfg.ci().githubBranch()), children);
        var ranges = GcpRanges.carve(cfg.network().vpcCidr());
        var network = new GcpNetwork(name + "-network", new GcpNetwork.Args(project, ranges, cfg.app().port()),
                children);
        this.cluster = new GcpCluster(name + "-cluster", new GcpCluster.Args(project, cfg.cluster(), prod,
                network.networkId(), network.subnetId(), ranges, keys.clusterKey()), children);
        this.database = new GcpDatabase(name + "-database", new GcpDatabase.Args(project, cfg.database(), prod,
                network.networkId(), network.privateServicesRange(), keys.dataKey()), children);
        this.armor = new GcpArmor(name + "-armor", new GcpArmor.Args(ARMOR_RATE_LIMIT), children);
        new GcpBackups(name + "-backups", new GcpBackups.Args(project, cfg.backup(), prod, keys.dataKey(),
                database.instanceName(), database.serviceAccountEmail(), database.connection().database()), children);
        var observability = new GcpObservability(name + "-observability", new GcpObservability.Args(project,
                naming.appNamespace(), cfg.observability().logRetentionDays(), cfg.observability().alertEmail(),
                database.instanceName()), children);
        var identity = new GcpWorkloadIdentity(name + "-workload-identity", new GcpWorkloadIdentity.Args(project,
                naming.appNamespace(), naming.appNamespace(), database.secretId()), children);
        this.bindings = new GcpWorkloadBindings(identity.email(), List.of(ranges.privateServices().toString()), name);

        outputs.put("cloud", Output.of(cloud().id()));
        outputs.put("region", Output.of(region));
        outputs.put("gcpProject", Output.of(projectId));
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("kubeconfig", cluster.kubeconfig());
        outputs.put("databaseEndpoint", database.connection().host());
        outputs.put("imageRepositoryUrl", registry.repositoryUrl());
        outputs.put("dashboardUrl", observability.dashboardId().applyValue(id ->
                "https://console.cloud.google.com/monitoring/dashboards/custom/" + id.substring(id.lastIndexOf('/') + 1)
                        + "?project=" + projectId));
        registerOutputs(Map.of("region", Output.of(region), "project", Output.of(projectId)));
    }

    /** Project number (service agents are named after it) and the region's first three zones that are up. */
    private GcpProject lookup() {
        var invoke = InvokeOptions.builder().provider(provider).parent(this).build();
        String number = OrganizationsFunctions.getProjectPlain(GetProjectPlainArgs.builder().projectId(projectId)
                .build(), invoke).join().number();
        List<String> zones = ComputeFunctions.getZonesPlain(GetZonesPlainArgs.builder().project(projectId)
                .region(region).status("UP").build(), invoke).join().names().stream().sorted().limit(3).toList();
        if (zones.size() < 3) {
            throw new IllegalStateException("region " + region + " has only " + zones.size()
                    + " zones up; the platform needs 3");
        }
        return new GcpProject(projectId, number, region, zones);
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
                cfg.app().readinessPath(), name, armor.policyId(), services), children);
        outputs.put("publicUrl", edge.publicUrl());
        return edge.publicUrl();
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
