package dev.strata.aws;

import com.pulumi.aws.amp.Scraper;
import com.pulumi.aws.amp.ScraperArgs;
import com.pulumi.aws.amp.Workspace;
import com.pulumi.aws.amp.WorkspaceArgs;
import com.pulumi.aws.amp.inputs.ScraperDestinationAmpArgs;
import com.pulumi.aws.amp.inputs.ScraperDestinationArgs;
import com.pulumi.aws.amp.inputs.ScraperSourceArgs;
import com.pulumi.aws.amp.inputs.ScraperSourceEksArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.KubernetesVersions;
import dev.strata.platform.KubeObject;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the cluster needs before it can run workloads, and the one dependency that says so
 * ({@link #readyForWorkloads()}):
 * <ul>
 *   <li>managed add-ons, each with its own IRSA role where it calls AWS: vpc-cni and kube-proxy (made with the
 *       node pools, see {@link AwsNodePools}), coredns, the EBS CSI driver (allowed to use the
 *       data key for the encrypted volumes it creates), CloudWatch observability (Container Insights, logs), and
 *       metrics-server (the resource metrics the HorizontalPodAutoscalers read);</li>
 *   <li>the default StorageClass: encrypted gp3 with the data key, volumes tagged {@code backup=<stack>};</li>
 *   <li>the AWS Load Balancer Controller (TargetGroupBinding CRD, pod readiness gate webhook), scoped to register
 *       pod IPs in this stack's target groups only;</li>
 *   <li>the cluster autoscaler, scaling the managed node groups it discovers by their tags within their bounds;</li>
 *   <li>the metrics scraper: an Amazon Managed Service for Prometheus workspace (KMS-encrypted) and an AWS-managed
 *       collector that scrapes the pods' metrics port from ENIs in the edge subnets.</li>
 * </ul>
 * Add-ons that run pods wait for the node groups; the controllers are Helm releases through the cluster's provider.
 */
public final class AwsClusterAddons extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsClusterAddons";
    static final String LBC_CHART_VERSION = "1.13.3";
    static final String LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";
    /** cluster-autoscaler chart (kubernetes/autoscaler); the image tag follows the cluster's minor. */
    static final String CA_CHART_VERSION = "9.46.6";
    static final String CA_SERVICE_ACCOUNT = "cluster-autoscaler";
    /** The pods' metrics port the collector scrapes (the workload's {@code METRICS_PORT}). */
    static final int METRICS_PORT = 9464;

    /**
     * @param stack          stack name; the load balancer controller may only touch target groups tagged with it
     * @param networkAddons  vpc-cni and kube-proxy, made with the node pools (which wait for them)
     * @param edgeSubnetIds  where the metrics collector's network interfaces live (the workload admits them)
     */
    record Args(AwsAccount account, String clusterName, String stack, String kubernetesVersion, Resource cluster,
                Output<String> clusterArn, Output<String> clusterNameOutput, Irsa irsa, Provider kubernetes,
                List<Resource> nodeGroups, List<Resource> networkAddons, Output<String> vpcId, Output<List<String>> edgeSubnetIds,
                Output<String> nodeSecurityGroupId, Output<String> dataKeyArn, String appNamespace) {
    }

    private final List<Resource> ready = new ArrayList<>();
    private final Output<String> clusterName;
    private final String kubernetesVersion;
    private final Workspace prometheus;

    AwsClusterAddons(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.clusterName = args.clusterNameOutput();
        this.kubernetesVersion = args.kubernetesVersion();
        var child = ResourceOpts.child(this);
        var account = args.account();
        var irsa = args.irsa();
        var afterNodes = CustomResourceOptions.builder().parent(this).dependsOn(args.nodeGroups()).build();

        // the network add-ons (vpc-cni, kube-proxy) come with the node pools, which wait for them
        ready.addAll(args.networkAddons());
        ready.add(addon(name, "coredns", Optional.empty(), Optional.empty(), afterNodes));

        var ebsRole = irsa.role(this, name + "-ebs-csi", "kube-system", "ebs-csi-controller-sa",
                List.of(Policies.managed("service-role/AmazonEBSCSIDriverPolicy")));
        // the managed policy grants no KMS: volumes encrypted with a customer key need these
        // (aws-ebs-csi-driver#935; EBS CSI driver docs "KMS key policy")
        var ebsKms = new RolePolicy(name + "-ebs-csi-kms", RolePolicyArgs.builder()
                .role(ebsRole.id())
                .policy(args.dataKeyArn().applyValue(key -> Policies.json(ControllerPolicies.ebsCsiKmsPolicy(key))))
                .build(), child);
        var ebs = addon(name, "aws-ebs-csi-driver", Optional.of(ebsRole), Optional.empty(),
                CustomResourceOptions.builder().parent(this).dependsOn(withAll(args.nodeGroups(), ebsKms)).build());
        ready.add(ebs);
        ready.add(addon(name, "amazon-cloudwatch-observability", Optional.of(irsa.role(this, name + "-cloudwatch",
                "amazon-cloudwatch", "cloudwatch-agent", List.of(Policies.managed("CloudWatchAgentServerPolicy")))),
                Optional.empty(), afterNodes));
        // resource metrics for the HorizontalPodAutoscalers (EKS community add-on "metrics-server")
        ready.add(addon(name, "metrics-server", Optional.empty(), Optional.empty(), afterNodes));

        ready.add(new KubeObject(name + "-gp3", new KubeObject.Args("storage.k8s.io/v1", "StorageClass",
                Map.of("name", "gp3-encrypted",
                        "labels", Map.of("app.kubernetes.io/part-of", args.appNamespace(),
                                "app.kubernetes.io/managed-by", "pulumi"),
                        "annotations", Map.of("storageclass.kubernetes.io/is-default-class", "true")),
                Map.of("provisioner", "ebs.csi.aws.com", "volumeBindingMode", "WaitForFirstConsumer",
                        "allowVolumeExpansion", true, "reclaimPolicy", "Retain",
                        "parameters", args.dataKeyArn().applyValue(key -> Map.of("type", "gp3", "encrypted", "true",
                                "kmsKeyId", key, "tagSpecification_1", "backup=" + args.stack())))),
                CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).dependsOn(ebs).build()));

        var lbcRole = irsa.role(this, name + "-lb-controller", "kube-system", LBC_SERVICE_ACCOUNT, List.of());
        var lbcPolicy = new RolePolicy(name + "-lb-controller", RolePolicyArgs.builder()
                .role(lbcRole.id())
                .policy(Policies.json(ControllerPolicies.loadBalancerControllerPolicy(account, args.stack())))
                .build(), child);
        ready.add(release(name + "-lb-controller", "aws-load-balancer-controller", LBC_CHART_VERSION,
                "https://aws.github.io/eks-charts",
                Output.tuple(args.clusterNameOutput(), args.vpcId(), lbcRole.arn()).applyValue(t ->
                        Map.<String, Object>of(
                                "clusterName", t.t1,
                                "region", account.region(),
                                "vpcId", t.t2,
                                "replicaCount", 2,
                                "createIngressClassResource", false,
                                "enableServiceMutatorWebhook", false,
                                "podDisruptionBudget", Map.of("maxUnavailable", 1),
                                "serviceAccount", Map.of("create", true, "name", LBC_SERVICE_ACCOUNT,
                                        "annotations", Map.of("eks.amazonaws.com/role-arn", t.t3)))),
                args.kubernetes(), withAll(args.nodeGroups(), lbcPolicy)));

        var caRole = irsa.role(this, name + "-cluster-autoscaler", "kube-system", CA_SERVICE_ACCOUNT, List.of());
        var caPolicy = new RolePolicy(name + "-cluster-autoscaler", RolePolicyArgs.builder()
                .role(caRole.id())
                .policy(Policies.json(ControllerPolicies.clusterAutoscalerPolicy(args.clusterName())))
                .build(), child);
        String caTag = KubernetesVersions.window(args.kubernetesVersion()).orElseThrow(() ->
                new IllegalArgumentException("no support window for Kubernetes " + args.kubernetesVersion()))
                .clusterAutoscalerTag();
        ready.add(release(name + "-cluster-autoscaler", "cluster-autoscaler", CA_CHART_VERSION,
                "https://kubernetes.github.io/autoscaler",
                caRole.arn().applyValue(arn -> ControllerPolicies.clusterAutoscalerValues(args.clusterName(), account.region(), caTag, arn)),
                args.kubernetes(), withAll(args.nodeGroups(), caPolicy)));

        // encrypted at rest with an AWS-owned key: managed collectors do not write to workspaces with a customer
        // managed key (AMP user guide, "Encryption at rest"); the metrics hold no customer data
        this.prometheus = new Workspace(name + "-prometheus", WorkspaceArgs.builder()
                .alias(name + "-metrics")
                .build(), child);
        var scraperSg = new SecurityGroup(name + "-scraper", SecurityGroupArgs.builder()
                .description("Managed Prometheus collector of " + args.clusterName() + ": to the metrics port of the pods")
                .vpcId(args.vpcId())
                .revokeRulesOnDelete(true)
                .build(), child);
        var toPods = scraperEgress(name + "-scraper-to-pods", scraperSg, args.nodeSecurityGroupId(), METRICS_PORT,
                "metrics port of the workload pods");
        var fromScraper = scraperIngress(name + "-pods-from-scraper", scraperSg, args.nodeSecurityGroupId(),
                METRICS_PORT, "metrics port from the managed Prometheus collector");
        // service discovery: the collector lists pods through the cluster's private endpoint (cluster security group)
        var toApi = scraperEgress(name + "-scraper-to-api", scraperSg, args.nodeSecurityGroupId(), 443,
                "the private API endpoint of the cluster");
        var apiFromScraper = scraperIngress(name + "-api-from-scraper", scraperSg, args.nodeSecurityGroupId(), 443,
                "API endpoint from the managed Prometheus collector");
        var rbac = collectorRbac(name, args.kubernetes(), args.nodeGroups(), args.appNamespace());
        // the collector authenticates as "aps-collector-user"; with API authentication mode AMP creates its EKS
        // access entry itself (AMP user guide "Configuring your Amazon EKS cluster" for managed collectors)
        var scrapeDeps = new ArrayList<Resource>(rbac);
        scrapeDeps.add(toPods);
        scrapeDeps.add(fromScraper);
        scrapeDeps.add(toApi);
        scrapeDeps.add(apiFromScraper);
        ready.add(new Scraper(name + "-scraper", ScraperArgs.builder()
                .alias(name + "-scraper")
                .scrapeConfiguration(ScrapeConfig.yaml(METRICS_PORT))
                .source(ScraperSourceArgs.builder().eks(ScraperSourceEksArgs.builder()
                        .clusterArn(args.clusterArn())
                        .subnetIds(args.edgeSubnetIds())
                        .securityGroupIds(Output.all(scraperSg.id()))
                        .build()).build())
                .destination(ScraperDestinationArgs.builder().amp(ScraperDestinationAmpArgs.builder()
                        .workspaceArn(prometheus.arn()).build()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(scrapeDeps).build()));
        ready.addAll(rbac);

        registerOutputs(Map.of("prometheusWorkspace", prometheus.arn()));
    }

    private SecurityGroupEgressRule scraperEgress(String name, SecurityGroup scraper, Output<String> cluster, int port,
                                                  String description) {
        return new SecurityGroupEgressRule(name, SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(scraper.id()).referencedSecurityGroupId(cluster)
                .ipProtocol("tcp").fromPort(port).toPort(port).description(description)
                .build(), ResourceOpts.child(this));
    }

    private SecurityGroupIngressRule scraperIngress(String name, SecurityGroup scraper, Output<String> cluster, int port,
                                                    String description) {
        return new SecurityGroupIngressRule(name, SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(cluster).referencedSecurityGroupId(scraper.id())
                .ipProtocol("tcp").fromPort(port).toPort(port).description(description)
                .build(), ResourceOpts.child(this));
    }

    /** A pinned chart in kube-system, rolled back and cleaned up if it does not become ready. */
    private Release release(String name, String chart, String version, String repo, Output<Map<String, Object>> values,
                            Provider kubernetes, List<Resource> after) {
        return new Release(name, ReleaseArgs.builder()
                .chart(chart).version(version)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(repo).build())
                .namespace("kube-system")
                .atomic(true)
                .cleanupOnFail(true)
                .values(values)
                .build(), CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(after).build());
    }

    private static List<Resource> withAll(List<Resource> list, Resource more) {
        var all = new ArrayList<Resource>(list);
        all.add(more);
        return all;
    }

    private Addon addon(String name, String addon, Optional<Role> role, Optional<Map<String, Object>> configuration,
                        CustomResourceOptions opts) {
        return EksAddons.addon(this, clusterName, kubernetesVersion, name, addon, role, configuration, opts);
    }

    /** The read-only RBAC the managed collector needs (AMP user guide, clusterrole-binding.yml). */
    private List<Resource> collectorRbac(String name, Provider kubernetes, List<Resource> nodeGroups, String partOf) {
        var opts = CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(nodeGroups).build();
        var labels = Map.of("app.kubernetes.io/managed-by", "pulumi", "app.kubernetes.io/part-of", partOf);
        var role = new KubeObject(name + "-aps-collector-role", new KubeObject.Args("rbac.authorization.k8s.io/v1",
                "ClusterRole", Map.of("name", "aps-collector-role", "labels", labels), Map.of("rules", List.of(
                        Map.of("apiGroups", List.of(""), "resources", List.of("nodes", "nodes/proxy", "nodes/metrics",
                                "services", "endpoints", "pods", "ingresses", "configmaps"),
                                "verbs", List.of("get", "list", "watch")),
                        Map.of("apiGroups", List.of("extensions", "networking.k8s.io"),
                                "resources", List.of("ingresses/status", "ingresses"),
                                "verbs", List.of("get", "list", "watch")),
                        Map.of("apiGroups", List.of("metrics.eks.amazonaws.com"),
                                "resources", List.of("kcm/metrics", "ksh/metrics"),
                                "verbs", List.of("get")),
                        Map.of("nonResourceURLs", List.of("/metrics"), "verbs", List.of("get"))))), opts);
        var binding = new KubeObject(name + "-aps-collector-binding", new KubeObject.Args(
                "rbac.authorization.k8s.io/v1", "ClusterRoleBinding",
                Map.of("name", "aps-collector-user-role-binding", "labels", labels), Map.of(
                        "subjects", List.of(Map.of("kind", "User", "name", "aps-collector-user",
                                "apiGroup", "rbac.authorization.k8s.io")),
                        "roleRef", Map.of("kind", "ClusterRole", "name", "aps-collector-role",
                                "apiGroup", "rbac.authorization.k8s.io"))),
                CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(role).build());
        return List.of(role, binding);
    }

    /**
     * Every add-on, controller, CRD and webhook the workload relies on; workload objects list these in
     * {@code dependsOn}.
     */
    public List<Resource> readyForWorkloads() {
        return List.copyOf(ready);
    }

    /** The Managed Prometheus workspace the application metrics land in. */
    public Output<String> prometheusWorkspaceArn() {
        return prometheus.arn();
    }
}
