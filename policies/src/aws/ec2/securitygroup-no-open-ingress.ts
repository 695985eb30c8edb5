import { resourcePolicy } from "../../lib/policy";
import { asList, opensInternet } from "../../lib/props";

/**
 * Nothing is reachable from the whole internet: the edge is CloudFront, everything else is private. Covers
 * inline ingress of SecurityGroup and DefaultSecurityGroup, the legacy SecurityGroupRule and the vpc
 * SecurityGroupIngressRule; "the internet" is 0.0.0.0/0, ::/0 or any set of ranges covering every address.
 */
export const policy = resourcePolicy({
    name: "aws-ec2-securitygroup-no-open-ingress",
    description: "Security groups (default ones included) must not admit ingress from the whole internet (0.0.0.0/0, ::/0, or ranges such as 0.0.0.0/1 plus 128.0.0.0/1); admit the CloudFront prefix list, a security group or a private range instead.",
    enforcementLevel: "mandatory",
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    check: (p, _ctx, r) => {
        const msg = (x: any) => `ingress on ports ${x.fromPort}-${x.toPort} is open to the internet.`;
        if (r.type === "aws:ec2/securityGroup:SecurityGroup" || r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") {
            return asList(p.ingress).map((i) => () => (opensInternet([...asList(i.cidrBlocks), ...asList(i.ipv6CidrBlocks)]) ? msg(i) : undefined));
        }
        if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
            return p.type === "ingress" && opensInternet([...asList(p.cidrBlocks), ...asList(p.ipv6CidrBlocks)]) ? msg(p) : undefined;
        }
        return opensInternet([p.cidrIpv4, p.cidrIpv6]) ? msg(p) : undefined;
    },
});
