package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.ClusterConfig;
import dev.strata.config.NodePoolConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS cluster: all five control-plane log types to an encrypted log group with retention, Kubernetes
 * secrets envelope-encrypted with the cluster KMS key, a private API endpoint plus a public one only for
 * the configured networks, API access entries (no aws-auth ConfigMap), an OIDC provider for IRSA,
 * managed node groups keyed by pool name in the private subnets (launch template: IMDSv2 required with
 * hop limit 1 so pods cannot reach node credentials, encrypted gp3 root volumes), managed add-ons with
 * their own IRSA roles (vpc-cni, coredns, kube-proxy, ebs-csi, CloudWatch observability), and the AWS
 * Load Balancer Controller, scoped to register targets in this stack's target groups only (it creates no
 * load balancers: the edge owns them), and the default StorageClass (encrypted gp3 with the data key, volumes
 * tagged {@code backup=<stack>} for AWS Backup). The Kubernetes provider it hands out uses a credential-free
 * kubeconfig and is ready once the node groups exist.
 */
public final class AwsCluster extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsCluster";
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    static final String LBC_CHART_VERSION = "1.13.3";
    static final String LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";

    /**
     * @param clusterName      physical cluster name (part of the log-group and IAM contracts)
     * @param stack            stack name; the load balancer controller may only touch resources tagged with it
     * @param appNamespace     namespace CI may deploy to
     * @param ciRoleArn        role CI deploys with, granted edit rights in {@code appNamespace}
     */
    record Args(AwsAccount account, String clusterName, String stack, ClusterConfig cluster,
                Output<String> vpcId, Output<List<String>> privateSubnetIds, Output<String> clusterKeyArn,
                Output<String> dataKeyArn, Output<String> logKeyArn, int logRetentionDays, String appNamespace,
                Optional<Output<String>> ciRoleArn) {
    }

    private final Cluster cluster;
    private final OpenIdConnectProvider oidc;
    private final Output<String> issuerHost;
    private final Output<String> kubeconfig;
    private final Provider kubernetes;
    private final Map<String, NodeGroup> nodeGroups = new LinkedHashMap<>();

    AwsCluster(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var account = args.account();

        var clusterRole = new Role(name + "-control-plane", RoleArgs.builder()
                .description("EKS control plane of " + args.clusterName())
                .assumeRolePolicy(Policies.assumeRoleByService("eks.amazonaws.com", account.accountId()))
                .build(), child);
        attach(name + "-control-plane", clusterRole, Policies.managed("AmazonEKSClusterPolicy"));
        new RolePolicy(name + "-control-plane-kms", RolePolicyArgs.builder()
                .role(clusterRole.id())
                .policy(args.clusterKeyArn().applyValue(arn -> Policies.json(Policies.document(List.of(
                        Policies.allow("EnvelopeEncryptSecrets", List.of("kms:Encrypt", "kms:Decrypt",
                                "kms:DescribeKey", "kms:ListGrants", "kms:CreateGrant"), List.of(arn)))))))
                .build(), child);

        var controlPlaneLogs = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.logKeyArn())
                .build(), child);

        this.cluster = new Cluster(name + "-eks", ClusterArgs.builder()
                .name(args.clusterName())
                .version(args.cluster().kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(!args.cluster().apiAllowedCidrs().isEmpty())
                        .publicAccessCidrs(args.cluster().apiAllowedCidrs().stream().map(Object::toString).toList())
                        .build())
                .enabledClusterLogTypes(LOG_TYPES)
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(args.clusterKeyArn()).build())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(controlPlaneLogs).build());

        this.issuerHost = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow()
                .replaceFirst("^https://", ""));
        this.oidc = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(issuerHost.applyValue(h -> "https://" + h))
                .clientIdLists("sts.amazonaws.com")
                .build(), child);

        var nodeRole = new Role(name + "-nodes", RoleArgs.builder()
                .description("EKS nodes of " + args.clusterName())
                .assumeRolePolicy(Policies.assumeRoleByEc2())
                .build(), child);
        attach(name + "-nodes-worker", nodeRole, Policies.managed("AmazonEKSWorkerNodePolicy"));
        attach(name + "-nodes-registry", nodeRole, Policies.managed("AmazonEC2ContainerRegistryReadOnly"));

        var launchTemplate = new LaunchTemplate(name + "-nodes", LaunchTemplateArgs.builder()
                .description("EKS nodes of " + args.clusterName() + ": IMDSv2 only, encrypted volumes")
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(50).volumeType("gp3").encrypted("true").kmsKeyId(args.dataKeyArn())
                                .deleteOnTermination("true").build())
                        .build())
                .updateDefaultVersion(true)
                .build(), child);

        for (NodePoolConfig pool : args.cluster().nodePools().values()) {
            nodeGroups.put(pool.name(), new NodeGroup(name + "-" + pool.name(), NodeGroupArgs.builder()
                    .clusterName(cluster.name())
                    .nodeRoleArn(nodeRole.arn())
                    .subnetIds(args.privateSubnetIds())
                    .instanceTypes(pool.machineType())
                    .amiType(amiType(pool.machineType()))
                    .capacityType("ON_DEMAND")
                    .scalingConfig(NodeGroupScalingConfigArgs.builder()
                            .minSize(pool.minSize()).desiredSize(pool.desiredSize()).maxSize(pool.maxSize()).build())
                    .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                    .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                            .id(launchTemplate.id()).version(launchTemplate.latestVersion().applyValue(String::valueOf))
                            .build())
                    .labels(Map.of("strata.dev/pool", pool.name()))
                    .build(), CustomResourceOptions.builder().parent(this)
                    // the cluster autoscaler owns the current size; config sets only the bounds
                    .ignoreChanges("scalingConfig.desiredSize").build()));
        }
        List<Resource> nodes = new ArrayList<>(nodeGroups.values());

        var addonsAfterNodes = CustomResourceOptions.builder().parent(this).dependsOn(nodes).build();
        addon(name, "vpc-cni", Optional.of(irsaRole(name + "-vpc-cni", account, "kube-system", "aws-node",
                List.of(Policies.managed("AmazonEKS_CNI_Policy")))), child);
        addon(name, "kube-proxy", Optional.empty(), child);
        addon(name, "coredns", Optional.empty(), addonsAfterNodes);
        addon(name, "aws-ebs-csi-driver", Optional.of(irsaRole(name + "-ebs-csi", account, "kube-system",
                "ebs-csi-controller-sa", List.of(Policies.managed("service-role/AmazonEBSCSIDriverPolicy")))),
                addonsAfterNodes);
        addon(name, "amazon-cloudwatch-observability", Optional.of(irsaRole(name + "-cloudwatch", account,
                "amazon-cloudwatch", "cloudwatch-agent", List.of(Policies.managed("CloudWatchAgentServerPolicy")))),
                addonsAfterNodes);

        args.ciRoleArn().ifPresent(ciRole -> {
            var entry = new AccessEntry(name + "-ci", AccessEntryArgs.builder()
                    .clusterName(cluster.name()).principalArn(ciRole).type("STANDARD").build(), child);
            new AccessPolicyAssociation(name + "-ci-edit", AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(ciRole)
                    .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy")
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder()
                            .type("namespace").namespaces(args.appNamespace()).build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build());
        });

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.of(t.t1, account.region(), t.t2, t.t3.data().orElse("")))
                .asSecret();
        this.kubernetes = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .deleteUnreachable(false)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodes).build());

        // the default storage class: encrypted gp3 with the data key, tagged so AWS Backup picks up every volume
        new dev.strata.k8s.KubeObject(name + "-gp3", new dev.strata.k8s.KubeObject.Args("storage.k8s.io/v1",
                "StorageClass", Map.of("name", "gp3-encrypted",
                        "labels", Map.of("app.kubernetes.io/part-of", args.appNamespace(),
                                "app.kubernetes.io/managed-by", "pulumi"),
                        "annotations", Map.of("storageclass.kubernetes.io/is-default-class", "true")),
                Map.of("provisioner", "ebs.csi.aws.com", "volumeBindingMode", "WaitForFirstConsumer",
                        "allowVolumeExpansion", true, "reclaimPolicy", "Retain",
                        "parameters", args.dataKeyArn().applyValue(key -> Map.of("type", "gp3", "encrypted", "true",
                                "kmsKeyId", key, "tagSpecification_1", "backup=" + args.stack())))),
                CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(nodes).build());

        var lbcRole = irsaRole(name + "-lb-controller", account, "kube-system", LBC_SERVICE_ACCOUNT, List.of());
        new RolePolicy(name + "-lb-controller", RolePolicyArgs.builder()
                .role(lbcRole.id())
                .policy(Policies.json(loadBalancerControllerPolicy(account, args.stack())))
                .build(), child);
        new Release(name + "-lb-controller", ReleaseArgs.builder()
                .chart("aws-load-balancer-controller")
                .version(LBC_CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo("https://aws.github.io/eks-charts").build())
                .namespace("kube-system")
                .atomic(true)
                .cleanupOnFail(true)
                .values(Output.tuple(cluster.name(), args.vpcId(), lbcRole.arn()).applyValue(t -> Map.<String, Object>of(
                        "clusterName", t.t1,
                        "region", account.region(),
                        "vpcId", t.t2,
                        "replicaCount", 2,
                        "createIngressClassResource", false,
                        "enableServiceMutatorWebhook", false,
                        "podDisruptionBudget", Map.of("maxUnavailable", 1),
                        "serviceAccount", Map.of("create", true, "name", LBC_SERVICE_ACCOUNT,
                                "annotations", Map.of("eks.amazonaws.com/role-arn", t.t3)))))
                .build(), CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(nodes).build());

        registerOutputs(Map.of("clusterName", cluster.name(), "kubeconfig", kubeconfig));
    }

    private void attach(String name, Role role, String policyArn) {
        new RolePolicyAttachment(name, RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policyArn)
                .build(), ResourceOpts.child(this));
    }

    private void addon(String name, String addon, Optional<Role> role, CustomResourceOptions opts) {
        var b = AddonArgs.builder().clusterName(cluster.name()).addonName(addon)
                .resolveConflictsOnCreate("OVERWRITE").resolveConflictsOnUpdate("OVERWRITE");
        role.ifPresent(r -> b.serviceAccountRoleArn(r.arn()));
        new Addon(name + "-" + addon, b.build(), opts);
    }

    /** A role only {@code namespace/serviceAccount} of this cluster can assume (IRSA). */
    Role irsaRole(String name, AwsAccount account, String namespace, String serviceAccount, List<String> managed) {
        var role = new Role(name, RoleArgs.builder()
                .description("IRSA for " + namespace + "/" + serviceAccount)
                .assumeRolePolicy(Output.tuple(oidc.arn(), issuerHost).applyValue(t ->
                        Policies.assumeRoleByServiceAccount(t.t1, t.t2, namespace, serviceAccount)))
                .build(), ResourceOpts.child(this));
        for (int i = 0; i < managed.size(); i++) {
            attach(name + "-" + managed.get(i).substring(managed.get(i).lastIndexOf('/') + 1), role, managed.get(i));
        }
        return role;
    }

    /** Graviton instance families (m7g, c6g, t4g, ...) need the ARM AMI. */
    static String amiType(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.'));
        return family.matches("[a-z]+\\d+g[a-z]*") ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
    }

    /**
     * What the load balancer controller needs for TargetGroupBinding only: read the network and the load
     * balancers (Describe calls have no resource-level permissions), and register/deregister pod IPs in
     * target groups tagged with this stack. It cannot create, change or delete load balancers, listeners or
     * security groups.
     */
    static Map<String, Object> loadBalancerControllerPolicy(AwsAccount account, String stack) {
        return Policies.document(List.of(
                Policies.allow("ReadNetworkAndLoadBalancers", List.of("ec2:DescribeAvailabilityZones",
                        "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
                        "ec2:DescribeSubnets", "ec2:DescribeVpcs", "elasticloadbalancing:DescribeListeners",
                        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags",
                        "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups",
                        "elasticloadbalancing:DescribeTargetHealth"), List.of("*")),
                Policies.allow("RegisterPodsInThisStacksTargetGroups", List.of("elasticloadbalancing:RegisterTargets",
                        "elasticloadbalancing:DeregisterTargets"),
                        List.of(account.arn("elasticloadbalancing", "targetgroup/*/*")),
                        Map.of("StringEquals", Map.of("aws:ResourceTag/stack", stack)))));
    }

    public Output<String> clusterName() {
        return cluster.name();
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /** The EKS-managed security group every managed node carries; the database admits it. */
    public Output<String> nodeSecurityGroupId() {
        return cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElseThrow());
    }

    public Provider kubernetes() {
        return kubernetes;
    }

    /** The OIDC issuer without {@code https://}, the prefix of IRSA trust conditions. */
    public Output<String> issuerHost() {
        return issuerHost;
    }

    public Output<String> oidcProviderArn() {
        return oidc.arn();
    }
}
