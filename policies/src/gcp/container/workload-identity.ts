import { resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-workload-identity",
    description: "Pods must get Google identities through Workload Identity, never the node's; set the cluster's workloadIdentityConfig.workloadPool and leave node pools' workloadMetadataConfig.mode unset (inherited) or GKE_METADATA.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster", "gcp:container/nodePool:NodePool"],
    check: (p, _ctx, r) => {
        if (r.type === "gcp:container/cluster:Cluster") {
            return isSet(p, "workloadIdentityConfig.workloadPool") ? [] : ["workloadIdentityConfig.workloadPool is not set."];
        }
        // absent, a pool inherits GKE_METADATA from a cluster with Workload Identity (cloud.google.com/
        // kubernetes-engine/docs/how-to/workload-identity: new node pools use it by default); the cluster check
        // above requires the workload pool
        const mode = at(p, "nodeConfig.workloadMetadataConfig.mode");
        return mode === undefined || mode === "GKE_METADATA" ? []
            : ["nodes expose their metadata (and service account) to pods."];
    },
});
