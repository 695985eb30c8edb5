import { Finding, resourcePolicy } from "../../lib/policy";
import { at, asList } from "../../lib/props";

/** The program owns the load balancer; a Service of type LoadBalancer would make the controller create another. */
export const policy = resourcePolicy({
    name: "kubernetes-service-cluster-ip-only",
    description: "Services must be ClusterIP because the program owns the edge load balancer; set spec.type ClusterIP and remove externalIPs (no NodePort, no controller-made LoadBalancer).",
    enforcementLevel: "mandatory",
    types: ["kubernetes:core/v1:Service"],
    check: (p) => {
        const out: Finding[] = [];
        const type = at(p, "spec.type") ?? "ClusterIP";
        out.push(() => ((type !== "ClusterIP") ? `spec.type is ${type}.` : undefined));
        out.push(() => ((asList(at(p, "spec.externalIPs")).length) ? "spec.externalIPs is set." : undefined));
        return out;
    },
});
