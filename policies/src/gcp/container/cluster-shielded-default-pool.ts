import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/**
 * Cluster level: shielded nodes stay on (enableShieldedNodes, default true; CIS-GKE 1.9.0 5.5.5); and while
 * the default node pool is kept (removeDefaultNodePool not true) its nodes run as the cluster's
 * nodeConfig.serviceAccount, which must be a dedicated account, not the Compute Engine default (CIS-GKE 5.2.1).
 */
export const policy = resourcePolicy({
    name: "gcp-container-cluster-shielded-nodes-default-pool",
    description: "GKE clusters must keep enableShieldedNodes on and either remove the default node pool (removeDefaultNodePool true) or give it a dedicated nodeConfig.serviceAccount.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => [
        () => (p.enableShieldedNodes === false ? "enableShieldedNodes is false." : undefined),
        () => {
            if (p.removeDefaultNodePool === true) {
                return undefined;
            }
            const sa = at(p, "nodeConfig.serviceAccount");
            return !sa || String(sa).endsWith("-compute@developer.gserviceaccount.com") || sa === "default"
                ? "the default node pool is kept and runs as the default compute service account." : undefined;
        },
    ],
});
