import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-ec2-subnet-no-public-ip",
    description: "Subnets must not give instances public IPs on launch; set mapPublicIpOnLaunch to false and reach the internet through NAT or the edge.",
    enforcementLevel: "advisory",
    types: ["aws:ec2/subnet:Subnet"],
    check: (p) => p.mapPublicIpOnLaunch === true ? ["mapPublicIpOnLaunch is true."] : [],
});
