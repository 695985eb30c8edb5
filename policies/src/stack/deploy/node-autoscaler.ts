import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";
import { releases } from "../../lib/kube";

/**
 * An EKS managed node group's minSize/maxSize are only bounds: nothing moves desiredSize between them unless
 * a cluster autoscaler (cluster-autoscaler chart, or Karpenter) runs (docs.aws.amazon.com/eks/latest/
 * best-practices/cas.html). GKE node pools with an autoscaling block are scaled by GKE itself.
 */
export const policy = stackPolicy({
    name: "stack-node-group-bounds-have-autoscaler",
    description: "EKS node groups whose scalingConfig allows a range (minSize < maxSize) need a cluster autoscaler; deploy the cluster-autoscaler chart (or Karpenter) or pin minSize = maxSize.",
    enforcementLevel: "advisory",
    check: (resources) => {
        const scaler = releases(resources, /^(cluster-autoscaler|karpenter)$/).length > 0;
        return resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup").map((g) => () =>
            (!scaler && at(g.props, "scalingConfig.minSize") < at(g.props, "scalingConfig.maxSize")
                ? { urn: g.urn, message: `node group ${g.name} scales ${at(g.props, "scalingConfig.minSize")}-${at(g.props, "scalingConfig.maxSize")} but no autoscaler runs.` }
                : undefined));
    },
});
