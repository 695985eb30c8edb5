package dev.strata.aws;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.NodePoolConfig;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The managed node groups of the cluster, keyed by pool name, in the private subnets, after the pod network
 * add-ons (vpc-cni with its IRSA role, kube-proxy): a node role with only the
 * worker and registry-read policies (the CNI's permissions live on its own IRSA role), a launch template with
 * IMDSv2 required and hop limit 1 (pods cannot reach node credentials) and encrypted gp3 root volumes with the
 * data key. Each group's size is {@code minSize..maxSize}; {@code desiredSize} only seeds the first create and is
 * then the cluster autoscaler's (and {@code scripts/scale}'s), so Pulumi ignores it. EKS tags each group's
 * Auto Scaling group for the autoscaler's auto-discovery itself. The groups depend on the node role's policy
 * attachments, so {@code destroy} removes the nodes (and EKS their network interfaces) before the policies.
 */
public final class AwsNodePools extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsNodePools";
    /** The managed policies of the node role. */
    static final List<String> NODE_POLICIES = List.of(Policies.managed("AmazonEKSWorkerNodePolicy"),
            Policies.managed("AmazonEC2ContainerRegistryReadOnly"));

    /**
     * @param clusterNameOutput  the cluster's name as its output: every node group waits for the cluster
     * @param kubernetesVersion  the control plane's minor; node groups follow it after the control plane upgrades
     * @param groupPrefix        logical-name prefix of the node groups ({@code <prefix>-<pool>}), the names
     *                           {@code scripts/scale} and {@code ops.PlanFile} resolve
     */
    record Args(String clusterName, String groupPrefix, Output<String> clusterNameOutput, String kubernetesVersion,
                SortedMap<String, NodePoolConfig> pools, Output<List<String>> privateSubnetIds,
                Output<String> dataKeyArn, Irsa irsa) {
    }

    private final Map<String, NodeGroup> nodeGroups = new LinkedHashMap<>();
    private final List<Resource> networkAddons = new ArrayList<>();

    AwsNodePools(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var nodeRole = new Role(name + "-role", RoleArgs.builder()
                .description("EKS nodes of " + args.clusterName())
                .assumeRolePolicy(Policies.assumeRoleByService("ec2.amazonaws.com"))
                .build(), child);
        var attachments = new ArrayList<Resource>();
        for (String arn : NODE_POLICIES) {
            attachments.add(new RolePolicyAttachment(name + "-role-" + arn.substring(arn.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(nodeRole.name()).policyArn(arn).build(), child));
        }
        // The pod network first: a node is Ready only once aws-node (vpc-cni) runs on it with the ENI permissions,
        // which live on the CNI's IRSA role, not on the node role. The add-on waits for that role's attachment, and
        // the node groups wait for the add-on (terraform-aws-eks "before_compute" for vpc-cni; EKS user guide
        // "Configure the Amazon VPC CNI plugin to use IRSA"). NetworkPolicy enforcement by the CNI's node agent is on
        // (EKS user guide "Limit pod traffic with Kubernetes network policies": enableNetworkPolicy "true").
        var cniAttachments = new ArrayList<Resource>();
        var cniRole = args.irsa().role(this, name + "-vpc-cni", "kube-system", "aws-node",
                List.of(Policies.managed("AmazonEKS_CNI_Policy")), cniAttachments);
        var onCluster = CustomResourceOptions.builder().parent(this).dependsOn(cniAttachments).build();
        networkAddons.add(EksAddons.addon(this, args.clusterNameOutput(), args.kubernetesVersion(), name, "vpc-cni",
                Optional.of(cniRole), Optional.of(Map.of("enableNetworkPolicy", "true")), onCluster));
        networkAddons.add(EksAddons.addon(this, args.clusterNameOutput(), args.kubernetesVersion(), name,
                "kube-proxy", Optional.empty(), Optional.empty(), child));
        var beforeNodes = new ArrayList<Resource>(attachments);
        beforeNodes.addAll(networkAddons);

        var launchTemplate = new LaunchTemplate(name + "-template", LaunchTemplateArgs.builder()
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

        for (NodePoolConfig pool : args.pools().values()) {
            nodeGroups.put(pool.name(), new NodeGroup(args.groupPrefix() + "-" + pool.name(), NodeGroupArgs.builder()
                    .clusterName(args.clusterNameOutput())
                    // upgrade order: the control plane first (the group waits for the cluster), then the nodes
                    .version(args.kubernetesVersion())
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
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(beforeNodes)
                    // the cluster autoscaler (and scripts/scale) own the current size; config sets the bounds
                    .ignoreChanges("scalingConfig.desiredSize").build()));
        }
        registerOutputs(Map.of("nodeRoleArn", nodeRole.arn()));
    }

    /** Graviton instance families (m7g, c6g, t4g, ...) need the ARM AMI. */
    static String amiType(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.'));
        return family.matches("[a-z]+\\d+g[a-z]*") ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
    }

    /** vpc-cni and kube-proxy: the node groups wait for them. */
    public List<Resource> networkAddons() {
        return List.copyOf(networkAddons);
    }

    /** The node groups; ready once nodes have joined. */
    public List<Resource> nodeGroups() {
        return List.copyOf(nodeGroups.values());
    }
}
