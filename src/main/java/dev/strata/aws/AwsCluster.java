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
import dev.strata.config.ApiAccess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EKS control plane: all five control-plane log types to an encrypted log group with retention, Kubernetes
 * secrets envelope-encrypted with the cluster KMS key, the API endpoint as the access model says (private for the
 * nodes always; public only for the allow-list when {@code clusterApiAccess} is public), API access entries (no
 * aws-auth ConfigMap), an OIDC provider for IRSA, and the Kubernetes provider the program deploys through, with a
 * credential-free kubeconfig. The node groups ({@link AwsNodePools}) and the add-ons and controllers
 * ({@link AwsClusterAddons}) are components of their own. The cluster waits for its role's policy attachments, so a
 * destroy deletes it (and EKS cleans up its network interfaces) before the policies go.
 */
public final class AwsCluster extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsCluster";
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    /**
     * @param clusterName      physical cluster name (part of the log-group and IAM contracts)
     * @param ciRoles          the CI roles: deploy administers the cluster, preview may read it
     */
    record Args(AwsAccount account, String clusterName, ClusterConfig cluster,
                Output<List<String>> privateSubnetIds, Output<String> clusterKeyArn,
                Output<String> logKeyArn, int logRetentionDays,
                Optional<AwsRegistry.CiRoles> ciRoles) {
    }

    private final Cluster cluster;
    private final OpenIdConnectProvider oidc;
    private final Output<String> issuerHost;
    private final Output<String> kubeconfig;
    private final Provider kubernetes;

    AwsCluster(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var account = args.account();

        var clusterRole = new Role(name + "-control-plane", RoleArgs.builder()
                .description("EKS control plane of " + args.clusterName())
                .assumeRolePolicy(Policies.assumeRoleByService("eks.amazonaws.com", account.accountId()))
                .build(), child);
        var clusterPolicy = new RolePolicyAttachment(name + "-control-plane", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name()).policyArn(Policies.managed("AmazonEKSClusterPolicy")).build(), child);
        var kmsPolicy = new RolePolicy(name + "-control-plane-kms", RolePolicyArgs.builder()
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

        boolean publicEndpoint = args.cluster().apiAccess() == ApiAccess.PUBLIC;
        var vpc = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(publicEndpoint);
        if (publicEndpoint) {
            vpc.publicAccessCidrs(args.cluster().apiAllowedCidrs().stream().map(Object::toString).toList());
        }
        this.cluster = new Cluster(name + "-eks", ClusterArgs.builder()
                .name(args.clusterName())
                .version(args.cluster().kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(vpc.build())
                .enabledClusterLogTypes(LOG_TYPES)
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(args.clusterKeyArn()).build())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                // the role must keep its policies until EKS has deleted the cluster and its network interfaces
                .dependsOn(controlPlaneLogs, clusterPolicy, kmsPolicy).build());

        this.issuerHost = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow()
                .replaceFirst("^https://", ""));
        this.oidc = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(issuerHost.applyValue(h -> "https://" + h))
                .clientIdLists("sts.amazonaws.com")
                .build(), child);

        // `pulumi up` manages cluster-scoped objects (namespaces, the controllers in kube-system), so the deploy role
        // is cluster admin. The preview role may read: pulumi-kubernetes previews with a server-side dry-run patch and
        // falls back to a client-side diff when patch is forbidden (pulumi/pulumi-kubernetes#2419).
        args.ciRoles().ifPresent(ci -> {
            clusterAccess(name + "-ci-deploy", ci.deploy(), "AmazonEKSClusterAdminPolicy");
            clusterAccess(name + "-ci-preview", ci.preview(), "AmazonEKSViewPolicy");
        });

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.of(t.t1, account.region(), t.t2, t.t3.data().orElse("")))
                .asSecret();
        this.kubernetes = new Provider(name + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .deleteUnreachable(false)
                .build(), CustomResourceOptions.builder().parent(this).build());

        registerOutputs(Map.of("clusterName", cluster.name(), "kubeconfig", kubeconfig));
    }

    private void clusterAccess(String name, Output<String> principal, String accessPolicy) {
        var entry = new AccessEntry(name, AccessEntryArgs.builder()
                .clusterName(cluster.name()).principalArn(principal).type("STANDARD").build(),
                ResourceOpts.child(this));
        new AccessPolicyAssociation(name, AccessPolicyAssociationArgs.builder()
                .clusterName(cluster.name())
                .principalArn(principal)
                .policyArn("arn:aws:eks::aws:cluster-access-policy/" + accessPolicy)
                .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build());
    }

    /** The cluster resource, which node groups and add-ons wait for. */
    Cluster resource() {
        return cluster;
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

    /** The Kubernetes provider; what it may deploy waits for {@link AwsClusterAddons#readyForWorkloads()}. */
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

    /** Roles for this cluster's service accounts. */
    Irsa irsa() {
        return new Irsa(oidc.arn(), issuerHost);
    }
}
