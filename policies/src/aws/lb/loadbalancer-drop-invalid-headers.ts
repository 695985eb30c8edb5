import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-lb-loadbalancer-drop-invalid-headers",
    description: "Application load balancers should drop invalid HTTP headers (request smuggling); set dropInvalidHeaderFields true.",
    enforcementLevel: "advisory",
    types: ["aws:lb/loadBalancer:LoadBalancer"],
    check: (p) => (p.loadBalancerType !== "network" && p.dropInvalidHeaderFields !== true
        ? ["dropInvalidHeaderFields is not true."] : []),
});
