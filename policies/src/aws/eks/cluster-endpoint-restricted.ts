import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at, opensInternet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-eks-cluster-endpoint-restricted",
    description: "The EKS API endpoint must be private, or public only to listed administration networks; set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false or publicAccessCidrs without 0.0.0.0/0.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/cluster:Cluster"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((at(p, "vpcConfig.endpointPrivateAccess") !== true) ? "vpcConfig.endpointPrivateAccess is not true (the provider default is false)." : undefined));
        // the provider defaults are public access on, from 0.0.0.0/0
        if (at(p, "vpcConfig.endpointPublicAccess") !== false) {
            const cidrs = asList(at(p, "vpcConfig.publicAccessCidrs"));
            out.push(() => ((cidrs.length === 0 || opensInternet(cidrs)) ? "the public endpoint is open to the whole internet." : undefined));
        }
        return out;
    },
});
