import { stackPolicy } from "../../lib/policy";
import { isSet, refersTo } from "../../lib/props";

/** Every VPC records its traffic: a FlowLog on the VPC (joined through vpcId's dependency) with trafficType ALL or REJECT and a destination. */
export const policy = stackPolicy({
    name: "aws-ec2-vpc-flow-logs",
    description: "Every VPC must have a flow log of ALL (or REJECT) traffic to CloudWatch Logs or S3; add an aws.ec2.FlowLog with vpcId set to the VPC.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const logs = resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog");
        return resources.filter((r) => r.type === "aws:ec2/vpc:Vpc").map((vpc) => () => {
            const mine = logs.filter((l) => refersTo(l, "vpcId", vpc));
            const good = mine.some((l) => ["ALL", "REJECT"].includes(l.props.trafficType)
                && (isSet(l.props, "logDestination") || isSet(l.props, "logGroupName")));
            return good ? undefined : { urn: vpc.urn, message: `VPC ${vpc.name} has no flow log of ALL or REJECT traffic.` };
        });
    },
});
