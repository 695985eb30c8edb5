import { resourcePolicy } from "../../lib/policy";
import { perContainer, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-read-only-root-filesystem",
    description: "Containers must have a read-only root filesystem; set securityContext.readOnlyRootFilesystem true and mount an emptyDir where the process writes (/tmp).",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => perContainer(p, (c) => (c.securityContext?.readOnlyRootFilesystem !== true
        ? `container ${c.name} can write its root filesystem.` : undefined)),
});
