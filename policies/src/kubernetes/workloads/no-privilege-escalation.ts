import { resourcePolicy } from "../../lib/policy";
import { perContainer, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-no-privilege-escalation",
    description: "Containers must not gain privileges (setuid binaries); set securityContext.allowPrivilegeEscalation false.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => perContainer(p, (c) => (c.securityContext?.allowPrivilegeEscalation !== false
        ? `container ${c.name} may escalate privileges.` : undefined)),
});
