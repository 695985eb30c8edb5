import { resourcePolicy } from "../../lib/policy";
import { asList, OPEN_CIDRS } from "../../lib/props";

/** Nothing is reachable from the whole internet: the edge is CloudFront, everything else is private. */
export const policy = resourcePolicy({
    name: "aws-ec2-securitygroup-no-open-ingress",
    description: "Security groups must not admit ingress from 0.0.0.0/0 or ::/0; admit the CloudFront prefix list, a security group or a private range instead.",
    enforcementLevel: "mandatory",
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    check: (p, _ctx, r) => {
        const open = (cidrs: any[]) => cidrs.some((c) => OPEN_CIDRS.includes(c));
        if (r.type === "aws:ec2/securityGroup:SecurityGroup") {
            return asList(p.ingress).filter((i) => open([...asList(i.cidrBlocks), ...asList(i.ipv6CidrBlocks)]))
                .map((i) => `ingress on ports ${i.fromPort}-${i.toPort} is open to the internet.`);
        }
        if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
            return p.type === "ingress" && open([...asList(p.cidrBlocks), ...asList(p.ipv6CidrBlocks)])
                ? [`ingress on ports ${p.fromPort}-${p.toPort} is open to the internet.`] : [];
        }
        return open([p.cidrIpv4, p.cidrIpv6]) ? [`ingress on ports ${p.fromPort}-${p.toPort} is open to the internet.`] : [];
    },
});
