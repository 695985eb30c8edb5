import { stackPolicy } from "../../lib/policy";
import { routesToInternet } from "../../lib/network";
import { asList, rawAt, refs } from "../../lib/props";

/** Nodes live in private subnets: no public IPs on launch, no route to an internet gateway (CIS-EKS 5.4.3). */
export const policy = stackPolicy({
    name: "aws-eks-nodegroup-private-subnets",
    description: "EKS node groups must use private subnets of the stack (mapPublicIpOnLaunch not true, no route to an internet gateway); list only the private subnets in subnetIds.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup").map((group) => () => {
        const subnets = refs(group, "subnetIds").filter((s) => s.type === "aws:ec2/subnet:Subnet");
        const out = subnets.filter((s) => s.props.mapPublicIpOnLaunch === true || routesToInternet(resources, s))
            .map((s) => ({ urn: group.urn, message: `node group ${group.name} uses subnet ${s.name}, which is public.` }));
        if (subnets.length < asList(rawAt(group.props, "subnetIds")).length) {
            out.push({ urn: group.urn, message: `node group ${group.name} uses subnets that are not subnets of this stack.` });
        }
        return out;
    }),
});
