import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-private-nodes",
    description: "GKE nodes must have no public IPs; set privateClusterConfig.enablePrivateNodes true.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => (at(p, "privateClusterConfig.enablePrivateNodes") === true ? [] : ["nodes get public IPs."]),
});
