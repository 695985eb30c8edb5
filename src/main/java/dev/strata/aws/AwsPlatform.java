package dev.strata.aws;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.inputs.GetManagedPrefixListPlainArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilter;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.inputs.GetCallerIdentityPlainArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.Labels;
import dev.strata.platform.Naming;
import dev.strata.platform.Platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS implementation of the {@link Platform} contract. Creates the explicit {@code aws} providers
 * (the stack's region; us-east-1 for CloudFront's certificate and WAF; the backup copy region when
 * configured), all with the {@link Labels} as default tags, looks up the account, the zones and the
 * CloudFront origin prefix list once, and wires the capability components in dependency order:
 * keys, registry, network, cluster, database, WAF, edge, backups, observability, and the
 * workload's identity.
 */
public final class AwsPlatform extends ComponentResource implements Platform {
    public static final String TYPE = "strata:aws:AwsPlatform";
    static final String CLOUDFRONT_ORIGIN_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";
    /** Requests one client IP may send in five minutes before the WAF blocks it. */
    static final int WAF_RATE_LIMIT = 2000;

    private final String region;
    private final Provider provider;
    private final AwsCluster cluster;
    private final AwsClusterAddons addons;
    private final AwsDatabase database;
    private final AwsEdge edge;
    private final AwsWorkloadBindings bindings;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    public AwsPlatform(String name, StackConfig cfg, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.region = cfg.region();
        boolean prod = cfg.environment().isProd();
        var naming = new Naming(cfg.project(), cfg.stack());
        var tags = Labels.of(cfg);
        this.provider = provider(name + "-aws", cfg.region(), tags);
        var usEast1 = provider(name + "-aws-us-east-1", "us-east-1", tags);
        Optional<Provider> copyRegion = cfg.backup().crossRegion()
                ? Optional.of(provider(name + "-aws-backup-copy", cfg.backup().copyRegion(), tags))
                : Optional.empty();

        var account = lookup(cfg.region());
        var children = ComponentResourceOptions.builder().parent(this).providers(provider).build();
        String clusterName = naming.physical("eks", 100);

        var keys = new AwsKeys(name + "-keys", new AwsKeys.Args(account, prod), children);
        Optional<String> githubProvider = cfg.ci().githubRepo().isPresent() && !cfg.ci().createOidcProvider()
                ? Optional.of(githubOidcProvider()) : Optional.empty();
        var registry = new AwsRegistry(name + "-registry", new AwsRegistry.Args(new CiPolicies.Scope(account,
                cfg.stack(), naming.prefix(), clusterName), keys.dataKeyArn(), cfg.ci().githubRepo(), githubProvider),
                children);
        var network = new AwsNetwork(name + "-network", new AwsNetwork.Args(account, cfg.network().vpcCidr(), prod,
                cfg.observability().logRetentionDays(), keys.observabilityKeyArn()), children);
        this.cluster = new AwsCluster(name + "-cluster", new AwsCluster.Args(account, clusterName, cfg.cluster(),
                network.privateSubnetIds(), keys.clusterKeyArn(), keys.observabilityKeyArn(),
                cfg.observability().logRetentionDays(), registry.ciRoles()), children);
        var nodePools = new AwsNodePools(name + "-nodes", new AwsNodePools.Args(clusterName, name + "-nodes",
                cluster.clusterName(),
                cfg.cluster().kubernetesVersion(), cfg.cluster().nodePools(), network.privateSubnetIds(), keys.dataKeyArn(),
                cluster.irsa()), children);
        this.addons = new AwsClusterAddons(name + "-addons", new AwsClusterAddons.Args(account, clusterName,
                cfg.stack(), cfg.cluster().kubernetesVersion(), cluster.resource(), cluster.resource().arn(),
                cluster.clusterName(), cluster.irsa(), cluster.kubernetes(), nodePools.nodeGroups(),
                nodePools.networkAddons(), network.vpcId(),
                network.edgeSubnetIds(), cluster.nodeSecurityGroupId(), keys.dataKeyArn(), naming.appNamespace()),
                children);
        this.database = new AwsDatabase(name + "-database", new AwsDatabase.Args(account, cfg.database(), prod,
                network.vpcId(), network.databaseSubnetIds(), cluster.nodeSecurityGroupId(), keys.dataKeyArn()),
                children);
        var waf = new AwsWaf(name + "-waf", new AwsWaf.Args(WAF_RATE_LIMIT, usEast1), children);
        this.edge = new AwsEdge(name + "-edge", new AwsEdge.Args(account, cfg.edge(), prod, cfg.app().port(),
                cfg.app().readinessPath(), new dev.strata.platform.RolloutTiming(cfg.app().drainSeconds()),
                network.vpcId(), network.edgeSubnetIds(), cluster.nodeSecurityGroupId(), waf.webAclArn(), usEast1),
                children);
        new AwsBackups(name + "-backups", new AwsBackups.Args(account, cfg.stack(), cfg.backup(), prod,
                keys.dataKeyArn(), List.of(database.arn(), edge.logBucketArn()), copyRegion), children);
        var observability = new AwsObservability(name + "-observability", new AwsObservability.Args(account,
                clusterName, naming.appNamespace(), AwsEdge.ROLES, cfg.observability().logRetentionDays(),
                cfg.observability().alertEmail(), keys.observabilityKeyArn(), edge.albArnSuffix(),
                edge.targetGroupArnSuffixes(), database.identifier(), cfg.database().storageGb()), children);

        var identity = new AwsWorkloadIdentity(name + "-workload-identity", new AwsWorkloadIdentity.Args(account,
                cluster.oidcProviderArn(), cluster.issuerHost(), naming.appNamespace(), naming.appNamespace(),
                database.appSecretArn(), keys.dataKeyArn()), children);
        this.bindings = new AwsWorkloadBindings(identity.roleArn(), network.edgeCidrs(), network.databaseCidrs(),
                edge.targetGroupArns());

        outputs.put("cloud", Output.of(cloud().id()));
        outputs.put("region", Output.of(region));
        outputs.put("publicUrl", edge.publicUrl());
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("kubeconfig", cluster.kubeconfig());
        outputs.put("databaseEndpoint", database.connection().host());
        outputs.put("imageRepositoryUrl", registry.repositoryUrl());
        outputs.put("dashboardUrl", observability.dashboardUrl());
        // the GitHub environments' AWS_ROLE_ARN: <stack> gets the deploy role, preview-<stack> the preview role
        registry.ciRoles().ifPresent(ci -> {
            outputs.put("ciDeployRoleArn", ci.deploy());
            outputs.put("ciPreviewRoleArn", ci.preview());
        });
        registerOutputs(Map.of("region", Output.of(region), "publicUrl", edge.publicUrl()));
    }

    private Provider provider(String name, String region, Map<String, String> tags) {
        return new Provider(name, ProviderArgs.builder()
                .region(region)
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(tags).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /** Account id, three zones that need no opt-in and that EKS supports (by zone id), CloudFront's prefix list. */
    private AwsAccount lookup(String region) {
        var invoke = InvokeOptions.builder().provider(provider).parent(this).build();
        String accountId = AwsFunctions.getCallerIdentityPlain(GetCallerIdentityPlainArgs.Empty, invoke).join()
                .accountId();
        var available = AwsFunctions.getAvailabilityZonesPlain(GetAvailabilityZonesPlainArgs.builder()
                        .state("available")
                        .filters(GetAvailabilityZonesFilter.builder().name("opt-in-status")
                                .values("opt-in-not-required").build())
                        .build(), invoke).join();
        var zones = Zones.choose(region, available.names(), available.zoneIds(), SubnetLayout.ZONES);
        String prefixList = Ec2Functions.getManagedPrefixListPlain(GetManagedPrefixListPlainArgs.builder()
                .name(CLOUDFRONT_ORIGIN_PREFIX_LIST).build(), invoke).join().id();
        return new AwsAccount(accountId, region, zones, prefixList);
    }

    /** The account's GitHub Actions OIDC provider, which another stack (ciGithubOidcProvider: create) made. */
    private String githubOidcProvider() {
        var invoke = InvokeOptions.builder().provider(provider).parent(this).build();
        return com.pulumi.aws.iam.IamFunctions.getOpenIdConnectProviderPlain(
                com.pulumi.aws.iam.inputs.GetOpenIdConnectProviderPlainArgs.builder().url(AwsRegistry.GITHUB_ISSUER)
                        .build(), invoke).join().arn();
    }

    /** The explicit provider of the stack's region. */
    public Provider provider() {
        return provider;
    }

    @Override
    public Cloud cloud() {
        return Cloud.AWS;
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
    public List<com.pulumi.resources.Resource> readyForWorkloads() {
        return addons.readyForWorkloads();
    }

    @Override
    public DatabaseConnection database() {
        return database.connection();
    }

    /** The target groups exist before the workload, which binds to them; nothing to attach here. */
    @Override
    public Output<String> expose(Map<String, com.pulumi.resources.Resource> services) {
        return edge.publicUrl();
    }

    @Override
    public dev.strata.platform.WorkloadBindings workloadBindings() {
        return bindings;
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
