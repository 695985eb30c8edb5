import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

/** Long-running workloads need probes; a liveness probe identical to readiness restarts pods under load. */
export const policy = resourcePolicy({
    name: "kubernetes-deployment-probes",
    description: "Serving containers must have readiness and liveness probes, and they must differ; set readinessProbe and livenessProbe with different checks.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"],
    check: (p) => asList(at(p, "spec.template.spec.containers")).flatMap((c: any) => {
        const out: Finding[] = [];
        out.push(() => ((!c.readinessProbe) ? `container ${c.name} has no readinessProbe.` : undefined));
        out.push(() => ((!c.livenessProbe) ? `container ${c.name} has no livenessProbe.` : undefined));
        out.push(() => ((c.readinessProbe && c.livenessProbe && JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe)) ? `container ${c.name} has identical readiness and liveness probes.` : undefined));
        return out;
    }),
});
