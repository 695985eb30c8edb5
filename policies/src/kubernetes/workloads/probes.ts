import { resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

/** Long-running workloads need probes; a liveness probe identical to readiness restarts pods under load. */
export const policy = resourcePolicy({
    name: "kubernetes-deployment-probes",
    description: "Serving containers must have readiness and liveness probes, and they must differ; set readinessProbe and livenessProbe (and a startupProbe for slow starts).",
    enforcementLevel: "mandatory",
    types: ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"],
    check: (p) => asList(at(p, "spec.template.spec.containers")).flatMap((c: any) => {
        const out: string[] = [];
        if (!c.readinessProbe) {
            out.push(`container ${c.name} has no readinessProbe.`);
        }
        if (!c.livenessProbe) {
            out.push(`container ${c.name} has no livenessProbe.`);
        }
        if (c.readinessProbe && c.livenessProbe && JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe)) {
            out.push(`container ${c.name} has identical readiness and liveness probes.`);
        }
        return out;
    }),
});
