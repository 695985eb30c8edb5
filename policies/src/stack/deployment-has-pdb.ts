import { stackPolicy } from "../lib/policy";
import { at } from "../lib/props";

/** "25%" -> 0.25 of n, rounded up as Kubernetes rounds minAvailable percentages; numbers as they are. */
function count(v: any, n: number): number {
    const m = /^(\d+)%$/.exec(String(v));
    return m ? Math.ceil((Number(m[1]) / 100) * n) : Number(v);
}

/** A budget that selects the Deployment's pods and still allows one voluntary disruption (node drains work). */
export const policy = stackPolicy({
    name: "stack-deployment-has-pod-disruption-budget",
    description: "Every Deployment must have a PodDisruptionBudget in its namespace selecting its pods that allows at least one voluntary disruption; add one with maxUnavailable 1 (or a minAvailable below the replica count, e.g. \"50%\").",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const pdbs = resources.filter((r) => r.props.kind === "PodDisruptionBudget");
        const hpas = resources.filter((r) => r.props.kind === "HorizontalPodAutoscaler");
        return resources.filter((r) => r.props.kind === "Deployment").map((d) => () => {
            const labels = at(d.props, "spec.template.metadata.labels") ?? {};
            const hpa = hpas.find((h) => at(h.props, "spec.scaleTargetRef.name") === at(d.props, "metadata.name")
                && at(h.props, "metadata.namespace") === at(d.props, "metadata.namespace"));
            const replicas = hpa ? (at(hpa.props, "spec.minReplicas") ?? 1) : (at(d.props, "spec.replicas") ?? 1);
            const ok = pdbs.some((pdb) => {
                const sel = at(pdb.props, "spec.selector.matchLabels") ?? {};
                const sameNs = at(pdb.props, "metadata.namespace") === at(d.props, "metadata.namespace");
                const selects = Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
                const maxU = at(pdb.props, "spec.maxUnavailable");
                const minA = at(pdb.props, "spec.minAvailable");
                const allows = maxU !== undefined ? count(maxU, replicas) > 0 || String(maxU).endsWith("%") && Number.parseInt(String(maxU), 10) > 0
                    : minA === undefined || count(minA, replicas) < replicas;
                return sameNs && selects && allows;
            });
            return ok ? undefined : { urn: d.urn, message: `Deployment ${at(d.props, "metadata.name")} has no PodDisruptionBudget that allows a drain.` };
        });
    },
});
