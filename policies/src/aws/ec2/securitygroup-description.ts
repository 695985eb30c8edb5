import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-ec2-securitygroup-description",
    description: "Security groups and their rules should say what they admit; set description.",
    enforcementLevel: "advisory",
    types: ["aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    check: (p) => (typeof p.description === "string" && p.description.trim().length > 0 ? [] : ["description is empty."]),
});
