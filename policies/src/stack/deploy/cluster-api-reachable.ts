import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";
import { clusters, EKS, kubeObjects } from "../../lib/kube";

/**
 * A stack that creates Kubernetes objects talks to the cluster API from wherever `pulumi up` runs. With a
 * private-only endpoint (EKS endpointPublicAccess false, docs.aws.amazon.com/eks/latest/userguide/
 * cluster-endpoint.html; GKE enablePrivateEndpoint true, cloud.google.com/kubernetes-engine/docs/concepts/
 * network-isolation) that only works from inside the network, so the stack must be declared as deployed from
 * inside (config deployedFromInside); otherwise every Kubernetes object fails to create.
 */
export const policy = stackPolicy({
    name: "stack-cluster-api-reachable-by-deployer",
    description: "A stack that deploys Kubernetes objects must be able to reach its cluster's API: keep a public endpoint limited to the deployer's networks, or list the stack in deployedFromInside when it runs inside the VPC.",
    enforcementLevel: "mandatory",
    config: { deployedFromInside: { type: "array", items: { type: "string" }, default: [] } },
    check: (resources, ctx) => {
        if (kubeObjects(resources).length === 0 || (ctx.config.deployedFromInside as string[]).includes(ctx.stack)) {
            return [];
        }
        return clusters(resources).map((c) => () => {
            const privateOnly = c.type === EKS ? at(c.props, "vpcConfig.endpointPublicAccess") === false
                : at(c.props, "privateClusterConfig.enablePrivateEndpoint") === true;
            return privateOnly ? { urn: c.urn, message: `cluster ${c.name} has a private-only API endpoint but the stack deploys Kubernetes objects through it from outside the network.` } : undefined;
        });
    },
});
