import { stackPolicy } from "../../lib/policy";

/** Every VPC records its traffic: a FlowLog on the VPC with trafficType ALL or REJECT and a destination. */
export const policy = stackPolicy({
    name: "aws-ec2-vpc-flow-logs",
    description: "Every VPC must have a flow log of ALL (or REJECT) traffic to CloudWatch Logs or S3; add an aws.ec2.FlowLog with vpcId set to the VPC.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const logs = resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog"
            && ["ALL", "REJECT"].includes(r.props.trafficType)
            && (r.props.logDestination || r.props.logGroupName));
        return resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")
            .filter((vpc) => !logs.some((l) => l.props.vpcId !== undefined && l.props.vpcId === vpc.props.id))
            .map((vpc) => ({ urn: vpc.urn, message: `VPC ${vpc.name} has no flow log of ALL or REJECT traffic.` }));
    },
});
