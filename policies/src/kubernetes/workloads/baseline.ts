import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, containers, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

/** Pod Security Standards, baseline: nothing privileged, nothing of the host. */
export const policy = resourcePolicy({
    name: "kubernetes-workload-no-privileged-or-host-access",
    description: "Pods must not be privileged or use the host's network, PID or IPC namespaces, hostPath volumes or host ports; remove them.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => {
        const out: Finding[] = [];
        for (const ns of ["hostNetwork", "hostPID", "hostIPC"]) {
            out.push(() => ((pod[ns] === true) ? `${ns} is true.` : undefined));
        }
        asList(pod.volumes).filter((v: any) => v.hostPath).forEach((v: any) => out.push(`volume ${v.name} is a hostPath.`));
        for (const c of containers(pod)) {
            out.push(() => ((c.securityContext?.privileged === true) ? `container ${c.name} is privileged.` : undefined));
            asList(c.ports).filter((x: any) => x.hostPort).forEach((x: any) =>
                out.push(`container ${c.name} binds host port ${x.hostPort}.`));
        }
        return out;
    }),
});
