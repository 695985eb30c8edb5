import { resourcePolicy } from "../../lib/policy";
import { perContainer, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-seccomp",
    description: "Pods must run with the runtime's default seccomp profile; set securityContext.seccompProfile.type RuntimeDefault.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => perContainer(p, (c, pod) => (!["RuntimeDefault", "Localhost"].includes(c.securityContext?.seccompProfile?.type
        ?? pod.securityContext?.seccompProfile?.type) ? `container ${c.name} runs without a seccomp profile.` : undefined)),
});
