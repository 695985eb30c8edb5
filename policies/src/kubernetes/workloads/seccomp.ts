import { resourcePolicy } from "../../lib/policy";
import { containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-seccomp",
    description: "Pods must run with the runtime's default seccomp profile; set securityContext.seccompProfile.type RuntimeDefault.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod).filter((c) =>
        !["RuntimeDefault", "Localhost"].includes(c.securityContext?.seccompProfile?.type
            ?? pod.securityContext?.seccompProfile?.type))
        .map((c) => `container ${c.name} runs without a seccomp profile.`)),
});
