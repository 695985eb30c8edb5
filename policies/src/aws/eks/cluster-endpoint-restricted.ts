import { resourcePolicy } from "../../lib/policy";
import { asList, at, OPEN_CIDRS } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-eks-cluster-endpoint-restricted",
    description: "The EKS API endpoint must be private, or public only to listed administration networks; set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false or publicAccessCidrs without 0.0.0.0/0.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/cluster:Cluster"],
    check: (p) => {
        const out: string[] = [];
        if (at(p, "vpcConfig.endpointPrivateAccess") !== true) {
            out.push("vpcConfig.endpointPrivateAccess is not true (the provider default is false).");
        }
        // the provider defaults are public access on, from 0.0.0.0/0
        if (at(p, "vpcConfig.endpointPublicAccess") !== false) {
            const cidrs = asList(at(p, "vpcConfig.publicAccessCidrs"));
            if (cidrs.length === 0 || cidrs.some((c) => OPEN_CIDRS.includes(c))) {
                out.push("the public endpoint is open to the whole internet.");
            }
        }
        return out;
    },
});
