package dev.strata.aws;

import java.util.List;
import java.util.Map;

/**
 * The IAM policies and chart values of the cluster's controllers ({@link AwsClusterAddons}), built as maps without
 * the engine so they are testable alone: the EBS CSI driver's use of the data key, the cluster autoscaler's scaling
 * of this cluster's node groups only, the load balancer controller's target registration in this stack only.
 */
final class ControllerPolicies {
    private ControllerPolicies() {
    }

    /** What the EBS CSI driver needs on the data key to create and attach encrypted volumes. */
    static Map<String, Object> ebsCsiKmsPolicy(String keyArn) {
        return Policies.document(List.of(
                Policies.allow("GrantsForAttachedVolumes", List.of("kms:CreateGrant", "kms:ListGrants",
                        "kms:RevokeGrant"), List.of(keyArn), Map.of("Bool", Map.of("kms:GrantIsForAWSResource", true))),
                Policies.allow("EncryptVolumes", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                        "kms:GenerateDataKey*", "kms:DescribeKey"), List.of(keyArn))));
    }

    /**
     * The cluster autoscaler's permissions (cluster-autoscaler cloudprovider/aws README, "Full Cluster Autoscaler
     * Features Policy (Recommended)"): read everywhere (Describe calls have no resource-level permissions), change
     * the size of, and terminate instances in, only the Auto Scaling groups of this cluster's node groups.
     */
    static Map<String, Object> clusterAutoscalerPolicy(String clusterName) {
        return Policies.document(List.of(
                Policies.allow("DiscoverNodeGroups", List.of("autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations",
                        "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags",
                        "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions",
                        "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup"), List.of("*")),
                Policies.allow("ScaleThisClustersNodeGroups", List.of("autoscaling:SetDesiredCapacity",
                        "autoscaling:TerminateInstanceInAutoScalingGroup"), List.of("*"),
                        Map.of("StringEquals", Map.of("aws:ResourceTag/k8s.io/cluster-autoscaler/" + clusterName,
                                "owned")))));
    }

    /**
     * Auto-discovery by the tags EKS puts on every managed node group's Auto Scaling group
     * ({@code k8s.io/cluster-autoscaler/enabled}, {@code k8s.io/cluster-autoscaler/<cluster>}); similar groups
     * balanced across zones; scale-down of an unneeded node after 10 minutes.
     */
    static Map<String, Object> clusterAutoscalerValues(String clusterName, String region, String imageTag,
                                                       String roleArn) {
        return Map.of(
                "cloudProvider", "aws",
                "awsRegion", region,
                "autoDiscovery", Map.of("clusterName", clusterName),
                "image", Map.of("tag", imageTag),
                "replicaCount", 1,
                "extraArgs", Map.of("balance-similar-node-groups", true, "expander", "least-waste",
                        "skip-nodes-with-system-pods", false, "scale-down-unneeded-time", "10m"),
                "rbac", Map.of("serviceAccount", Map.of("create", true, "name", AwsClusterAddons.CA_SERVICE_ACCOUNT,
                        "annotations", Map.of("eks.amazonaws.com/role-arn", roleArn))));
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

}
