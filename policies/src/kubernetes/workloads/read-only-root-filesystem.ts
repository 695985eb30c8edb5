import { resourcePolicy } from "../../lib/policy";
import { containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-read-only-root-filesystem",
    description: "Containers must have a read-only root filesystem; set securityContext.readOnlyRootFilesystem true and mount an emptyDir where the process writes (/tmp).",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod)
        .filter((c) => c.securityContext?.readOnlyRootFilesystem !== true)
        .map((c) => `container ${c.name} can write its root filesystem.`)),
});
