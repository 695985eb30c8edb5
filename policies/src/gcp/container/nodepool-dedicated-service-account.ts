import { resourcePolicy } from "../../lib/policy";
import { isUnknown, rawAt } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-nodepool-dedicated-service-account",
    description: "Nodes must run as a dedicated least-privilege service account, not the Compute Engine default (project editor); set nodeConfig.serviceAccount.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/nodePool:NodePool"],
    check: (p) => {
        const sa = rawAt(p, "nodeConfig.serviceAccount");
        if (isUnknown(sa)) {
            return []; // the email of an account the stack creates: dedicated
        }
        return !sa || String(sa).endsWith("-compute@developer.gserviceaccount.com") || sa === "default"
            ? ["nodes run as the default compute service account."] : [];
    },
});
