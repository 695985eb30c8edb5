import { resourcePolicy } from "../../lib/policy";
import { asList, isUnknown, rawAt } from "../../lib/props";

/**
 * EC2 refuses a VPC security group whose description has a character outside a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$* (CreateSecurityGroup, GroupDescription), and a rule description outside the same set
 * without & (IpRange / IpPermission Description, EC2 API reference); both at most 255 characters. An apostrophe
 * ("the cluster's nodes") is the usual slip, and a group's description cannot change without replacing it.
 */
const GROUP = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const RULE = /^[A-Za-z0-9 ._\-:/()#,@[\]+=;{}!$*]*$/;

function checkText(what: string, v: any, allowed: RegExp, chars: string): string | undefined {
    if (typeof v !== "string" || isUnknown(v)) {
        return undefined;
    }
    if (v.length > 255) {
        return `${what} is ${v.length} characters long; EC2 accepts at most 255.`;
    }
    const bad = [...new Set([...v].filter((c) => !allowed.test(c)))];
    return bad.length === 0 ? undefined
        : `${what} "${v}" has ${bad.map((c) => JSON.stringify(c)).join(", ")}, which EC2 refuses; it accepts only ${chars}.`;
}

export const policy = resourcePolicy({
    name: "aws-ec2-securitygroup-description-charset",
    description: "Security group and rule descriptions must use only the characters EC2 accepts (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, no & in rules) and at most 255 of them, or the API refuses them; replace apostrophes and other characters in description.",
    enforcementLevel: "mandatory",
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    check: (p, _ctx, resource) => {
        const group = resource.type === "aws:ec2/securityGroup:SecurityGroup";
        const out = [() => checkText(group ? "the group's description" : "the rule's description", rawAt(p, "description"),
            group ? GROUP : RULE, group ? "a-z A-Z 0-9 space ._-:/()#,@[]+=&;{}!$*" : "a-z A-Z 0-9 space ._-:/()#,@[]+=;{}!$*")];
        if (group) {
            for (const dir of ["ingress", "egress"]) {
                asList(rawAt(p, dir)).forEach((r: any, i: number) => out.push(() =>
                    checkText(`${dir}[${i}].description`, r?.description, RULE, "a-z A-Z 0-9 space ._-:/()#,@[]+=;{}!$*")));
            }
        }
        return out;
    },
});
