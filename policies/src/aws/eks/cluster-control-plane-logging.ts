import { resourcePolicy } from "../../lib/policy";
import { asList } from "../../lib/props";

const REQUIRED = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const policy = resourcePolicy({
    name: "aws-eks-cluster-control-plane-logging",
    description: "All five control-plane log types must go to CloudWatch; set enabledClusterLogTypes to api, audit, authenticator, controllerManager and scheduler.",
    enforcementLevel: "mandatory",
    types: ["aws:eks/cluster:Cluster"],
    check: (p) => {
        const missing = REQUIRED.filter((t) => !asList(p.enabledClusterLogTypes).includes(t));
        return missing.length ? [`control-plane log types missing: ${missing.join(", ")}.`] : [];
    },
});
