import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-deployment-replicas",
    description: "Deployments must run at least 2 replicas (3 in prod) so a pod or node loss does not interrupt service; set spec.replicas.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:apps/v1:Deployment"],
    check: (p, ctx) => {
        const min = ctx.prod ? 3 : 2;
        const replicas = at(p, "spec.replicas") ?? 1;
        return replicas >= min ? [] : [`spec.replicas is ${replicas}; at least ${min} required.`];
    },
});
