import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-network-policy",
    description: "GKE must enforce NetworkPolicies; set datapathProvider ADVANCED_DATAPATH (Dataplane V2) or networkPolicy.enabled true.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => (p.datapathProvider === "ADVANCED_DATAPATH" || at(p, "networkPolicy.enabled") === true ? []
        : ["NetworkPolicies are not enforced."]),
});
