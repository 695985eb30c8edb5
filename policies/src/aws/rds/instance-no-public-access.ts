import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-rds-instance-no-public-access",
    description: "Databases (RDS instances and Aurora cluster instances) must never be reachable from the internet; set publiclyAccessible to false and place the instance in isolated subnets.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance"],
    check: (p) => (p.publiclyAccessible === true ? ["publiclyAccessible is true."] : []),
});
