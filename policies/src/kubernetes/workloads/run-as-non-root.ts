import { Finding, resourcePolicy } from "../../lib/policy";
import { containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-run-as-non-root",
    description: "Containers must run as a non-root user; set securityContext.runAsNonRoot true (pod or container) and never runAsUser 0.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod).flatMap((c) => {
        const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        const out: Finding[] = [];
        out.push(() => ((nonRoot !== true) ? `container ${c.name} may run as root.` : undefined));
        out.push(() => ((uid === 0) ? `container ${c.name} runs as UID 0.` : undefined));
        return out;
    })),
});
