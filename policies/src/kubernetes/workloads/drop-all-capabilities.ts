import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-drop-all-capabilities",
    description: "Containers must drop all Linux capabilities (add back NET_BIND_SERVICE only if needed); set securityContext.capabilities.drop [\"ALL\"].",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod).flatMap((c) => {
        const caps = c.securityContext?.capabilities ?? {};
        const out: Finding[] = [];
        out.push(() => ((!asList(caps.drop).includes("ALL")) ? `container ${c.name} does not drop ALL capabilities.` : undefined));
        asList(caps.add).filter((a) => a !== "NET_BIND_SERVICE").forEach((a) =>
            out.push(`container ${c.name} adds capability ${a}.`));
        return out;
    })),
});
