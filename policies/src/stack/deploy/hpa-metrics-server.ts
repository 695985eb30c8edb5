import { stackPolicy } from "../../lib/policy";
import { addons, EKS, releases } from "../../lib/kube";

/**
 * A HorizontalPodAutoscaler on CPU or memory reads the resource metrics API. GKE serves it by default; EKS
 * does not: it needs the metrics-server add-on or chart (docs.aws.amazon.com/eks/latest/userguide/
 * metrics-server.html). Without it the HPA reports "unable to get metrics" and never scales.
 */
export const policy = stackPolicy({
    name: "stack-hpa-has-metrics-server",
    description: "HorizontalPodAutoscalers on EKS need the resource metrics API; add the metrics-server EKS add-on (or its Helm chart) to the stack.",
    enforcementLevel: "advisory",
    check: (resources) => {
        const hpas = resources.filter((r) => /^kubernetes:autoscaling\/v\d+\w*:HorizontalPodAutoscaler$/.test(r.type));
        if (hpas.length === 0 || !resources.some((r) => r.type === EKS)) {
            return [];
        }
        const served = addons(resources, "metrics-server").length > 0 || releases(resources, /^metrics-server$/).length > 0;
        return served ? [] : hpas.map((h) => () => ({ urn: h.urn, message: `HPA ${h.name} has no metrics-server to read from.` }));
    },
});
