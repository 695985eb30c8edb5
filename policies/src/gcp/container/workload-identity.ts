import { resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-workload-identity",
    description: "Pods must get Google identities through Workload Identity, never the node's; set the cluster's workloadIdentityConfig.workloadPool and node pools' workloadMetadataConfig.mode GKE_METADATA.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster", "gcp:container/nodePool:NodePool"],
    check: (p, _ctx, r) => {
        if (r.type === "gcp:container/cluster:Cluster") {
            return isSet(p, "workloadIdentityConfig.workloadPool") ? [] : ["workloadIdentityConfig.workloadPool is not set."];
        }
        return at(p, "nodeConfig.workloadMetadataConfig.mode") === "GKE_METADATA" ? []
            : ["nodes expose their metadata (and service account) to pods."];
    },
});
