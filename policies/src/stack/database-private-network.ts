import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFindings } from "../lib/policy";
import { internetRouteTables, routesToInternet } from "../lib/network";
import { asList, rawAt, refs } from "../lib/props";

/**
 * The database sits in the stack's own private network: on AWS every subnet of its subnet group is a
 * subnet of the stack with no route to an internet gateway (Route resources or inline RouteTable.routes);
 * on GCP the instance's private network is the stack's VPC. Every join goes through property
 * dependencies (URNs), so it holds in a preview where every id is unknown.
 */
export const policy = stackPolicy({
    name: "stack-database-private-network",
    description: "The database must sit in the stack's own private network: RDS subnet groups only with stack subnets that have no internet gateway route; Cloud SQL privateNetwork set to the stack's VPC.",
    enforcementLevel: "mandatory",
    check: (resources) => [...aws(resources), ...gcp(resources)],
});

const byType = (resources: PolicyResource[], type: string) => resources.filter((r) => r.type === type);
function aws(resources: PolicyResource[]): StackFindings {
    const open = internetRouteTables(resources);
    return byType(resources, "aws:rds/instance:Instance").map((db) => () => {
        const groups = refs(db, "dbSubnetGroupName").filter((g) => g.type === "aws:rds/subnetGroup:SubnetGroup");
        if (groups.length === 0) {
            return { urn: db.urn, message: `database ${db.name} is not in a subnet group of this stack.` };
        }
        const out = [];
        for (const group of groups) {
            const subnets = refs(group, "subnetIds").filter((s) => s.type === "aws:ec2/subnet:Subnet");
            if (subnets.length < asList(rawAt(group.props, "subnetIds")).length) {
                out.push({ urn: db.urn, message: `database ${db.name} uses subnets that are not subnets of this stack.` });
            }
            for (const subnet of subnets) {
                if (routesToInternet(resources, subnet, open)) {
                    out.push({ urn: db.urn, message: `database ${db.name} uses subnet ${subnet.name}, which routes to the internet.` });
                }
            }
        }
        return out;
    });
}

function gcp(resources: PolicyResource[]): StackFindings {
    const networks = byType(resources, "gcp:compute/network:Network");
    return byType(resources, "gcp:sql/databaseInstance:DatabaseInstance").map((db) =>
        refs(db, "settings").some((n) => networks.some((x) => x.urn === n.urn)) ? undefined
            : { urn: db.urn, message: `database ${db.name} is not on the stack's private network.` });
}
