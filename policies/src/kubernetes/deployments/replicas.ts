import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/**
 * Capacity floor: a Deployment's spec.replicas, or, when a HorizontalPodAutoscaler targets it (same
 * namespace, scaleTargetRef kind Deployment and name), the HPA's minReplicas (default 1); the HPA owns
 * the replica count then, so the Deployment leaves spec.replicas unset.
 */
export const policy = stackPolicy({
    name: "kubernetes-deployment-replicas",
    description: "Deployments must run at least 2 replicas (3 in prod) so a pod or node loss does not interrupt service; set spec.replicas, or minReplicas on the HorizontalPodAutoscaler that scales the Deployment.",
    enforcementLevel: "mandatory",
    check: (resources, ctx) => {
        const min = ctx.prod ? 3 : 2;
        const hpas = resources.filter((r) => r.props.kind === "HorizontalPodAutoscaler");
        return resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment").map((d) => () => {
            const name = at(d.props, "metadata.name");
            const hpa = hpas.find((h) => at(h.props, "metadata.namespace") === at(d.props, "metadata.namespace")
                && at(h.props, "spec.scaleTargetRef.kind") === "Deployment" && at(h.props, "spec.scaleTargetRef.name") === name);
            const floor = hpa ? (at(hpa.props, "spec.minReplicas") ?? 1) : (at(d.props, "spec.replicas") ?? 1);
            return floor >= min ? undefined : { urn: hpa?.urn ?? d.urn,
                message: `Deployment ${name} runs at least ${floor} replica(s)${hpa ? " (HPA minReplicas)" : ""}; at least ${min} required.` };
        });
    },
});
