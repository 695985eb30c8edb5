import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-lb-loadbalancer-internal",
    description: "Load balancers must be internal: the only way in is the CDN edge (CloudFront VPC origin); set internal true.",
    enforcementLevel: "mandatory",
    types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    check: (p) => (p.internal === true ? [] : ["the load balancer is internet-facing."]),
});
