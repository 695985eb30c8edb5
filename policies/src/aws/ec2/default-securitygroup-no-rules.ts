import { stackPolicy } from "../../lib/policy";
import { asList, refersTo } from "../../lib/props";

/** The default security group of every VPC is adopted and emptied, so nothing can fall back on it (CKV2_AWS_12). */
export const policy = stackPolicy({
    name: "aws-ec2-default-securitygroup-no-rules",
    description: "Every VPC's default security group should have no rules; adopt it with an aws.ec2.DefaultSecurityGroup for the VPC and leave ingress and egress empty.",
    enforcementLevel: "advisory",
    check: (resources) => {
        const defaults = resources.filter((r) => r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        return resources.filter((r) => r.type === "aws:ec2/vpc:Vpc").map((vpc) => () => {
            const mine = defaults.filter((d) => refersTo(d, "vpcId", vpc));
            if (mine.length === 0) {
                return { urn: vpc.urn, message: `VPC ${vpc.name}'s default security group keeps AWS's default rules (no DefaultSecurityGroup adopts it).` };
            }
            return mine.filter((d) => asList(d.props.ingress).length > 0 || asList(d.props.egress).length > 0)
                .map((d) => ({ urn: d.urn, message: `the default security group of VPC ${vpc.name} has rules.` }));
        });
    },
});
