import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-eks-cluster-access-entries",
    description: "Cluster access should be managed with EKS access entries, not the aws-auth ConfigMap; set accessConfig.authenticationMode to \"API\".",
    enforcementLevel: "advisory",
    types: ["aws:eks/cluster:Cluster"],
    check: (p) => at(p, "accessConfig.authenticationMode") === "API" ? [] : ["authenticationMode is not API."],
});
