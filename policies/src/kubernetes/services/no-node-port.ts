import { resourcePolicy } from "../../lib/policy";
import { at, asList } from "../../lib/props";

/** The program owns the load balancer; a Service of type LoadBalancer would make the controller create another. */
export const policy = resourcePolicy({
    name: "kubernetes-service-cluster-ip-only",
    description: "Services must be ClusterIP because the program owns the edge load balancer; set spec.type ClusterIP and remove externalIPs (no NodePort, no controller-made LoadBalancer).",
    enforcementLevel: "mandatory",
    types: ["kubernetes:core/v1:Service"],
    check: (p) => {
        const out: string[] = [];
        const type = at(p, "spec.type") ?? "ClusterIP";
        if (type !== "ClusterIP") {
            out.push(`spec.type is ${type}.`);
        }
        if (asList(at(p, "spec.externalIPs")).length) {
            out.push("spec.externalIPs is set.");
        }
        return out;
    },
});
