import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFinding } from "../lib/policy";
import { asList, at } from "../lib/props";

/**
 * The database sits in the stack's own private network: on AWS every subnet of its subnet group belongs
 * to the stack and has no route to an internet gateway; on GCP the instance's private network is the
 * stack's VPC.
 */
export const policy = stackPolicy({
    name: "stack-database-private-network",
    description: "The database must sit in the stack's own private network: RDS subnet groups only with stack subnets that have no internet gateway route; Cloud SQL privateNetwork set to the stack's VPC.",
    enforcementLevel: "mandatory",
    check: (resources) => [...aws(resources), ...gcp(resources)],
});

function byType(resources: PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((r) => r.type === type);
}

function aws(resources: PolicyResource[]): StackFinding[] {
    const out: StackFinding[] = [];
    const subnets = byType(resources, "aws:ec2/subnet:Subnet");
    const igwRouteTables = new Set(byType(resources, "aws:ec2/route:Route")
        .filter((r) => r.props.gatewayId && r.props.destinationCidrBlock === "0.0.0.0/0")
        .map((r) => r.props.routeTableId));
    const associations = byType(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation");
    const groups = byType(resources, "aws:rds/subnetGroup:SubnetGroup");
    for (const db of byType(resources, "aws:rds/instance:Instance")) {
        const group = groups.find((g) => g.props.id === db.props.dbSubnetGroupName || g.props.name === db.props.dbSubnetGroupName);
        if (!group) {
            out.push({ urn: db.urn, message: `database ${db.name} is not in a subnet group of this stack.` });
            continue;
        }
        for (const subnetId of asList(group.props.subnetIds)) {
            const subnet = subnets.find((s) => s.props.id === subnetId);
            if (!subnet) {
                out.push({ urn: db.urn, message: `database ${db.name} uses subnet ${subnetId}, which is not in this stack.` });
            } else if (associations.some((a) => a.props.subnetId === subnetId && igwRouteTables.has(a.props.routeTableId))) {
                out.push({ urn: db.urn, message: `database ${db.name} uses subnet ${subnet.name}, which routes to the internet.` });
            }
        }
    }
    return out;
}

function gcp(resources: PolicyResource[]): StackFinding[] {
    const networks = byType(resources, "gcp:compute/network:Network").map((n) => n.props.id);
    return byType(resources, "gcp:sql/databaseInstance:DatabaseInstance")
        .filter((db) => !networks.includes(at(db.props, "settings.ipConfiguration.privateNetwork")))
        .map((db) => ({ urn: db.urn, message: `database ${db.name} is not on the stack's private network.` }));
}
