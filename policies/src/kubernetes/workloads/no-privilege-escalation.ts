import { resourcePolicy } from "../../lib/policy";
import { containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-no-privilege-escalation",
    description: "Containers must not gain privileges (setuid binaries); set securityContext.allowPrivilegeEscalation false.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod)
        .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map((c) => `container ${c.name} may escalate privileges.`)),
});
