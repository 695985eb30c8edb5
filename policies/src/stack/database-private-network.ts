import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFindings } from "../lib/policy";
import { asList, isSet, OPEN_CIDRS, raw, refs, refersTo } from "../lib/props";

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
const IGW = "aws:ec2/internetGateway:InternetGateway";

/** Route tables (by URN) with a default route to an internet gateway. */
function internetRouteTables(resources: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    // raw reads: a gateway id is unknown in a preview, and "unknown" must not hide the route
    const toIgw = (proxied: any, owner?: PolicyResource) => {
        const route = raw(proxied);
        const open = OPEN_CIDRS.includes(route.destinationCidrBlock ?? route.cidrBlock) || OPEN_CIDRS.includes(route.destinationIpv6CidrBlock ?? route.ipv6CidrBlock);
        const igw = String(route.gatewayId ?? "").startsWith("igw-") || (owner ? refs(owner, "gatewayId").some((g) => g.type === IGW) : false);
        return open && igw;
    };
    for (const route of byType(resources, "aws:ec2/route:Route")) {
        if (toIgw(route.props, route)) {
            refs(route, "routeTableId").forEach((rt) => out.add(rt.urn));
        }
    }
    for (const rt of byType(resources, "aws:ec2/routeTable:RouteTable")) {
        // inline routes: the gateway is referenced through the `routes` input
        const igwRef = refs(rt, "routes").some((g) => g.type === IGW);
        if (asList(raw(rt.props).routes).some((r: any) => toIgw(r) || ((OPEN_CIDRS.includes(r.cidrBlock) || OPEN_CIDRS.includes(r.ipv6CidrBlock)) && igwRef && isSet(r, "gatewayId")))) {
            out.add(rt.urn);
        }
    }
    return out;
}

function aws(resources: PolicyResource[]): StackFindings {
    const open = internetRouteTables(resources);
    const associations = byType(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation");
    return byType(resources, "aws:rds/instance:Instance").map((db) => () => {
        const groups = refs(db, "dbSubnetGroupName").filter((g) => g.type === "aws:rds/subnetGroup:SubnetGroup");
        if (groups.length === 0) {
            return { urn: db.urn, message: `database ${db.name} is not in a subnet group of this stack.` };
        }
        const out = [];
        for (const group of groups) {
            const subnets = refs(group, "subnetIds").filter((s) => s.type === "aws:ec2/subnet:Subnet");
            if (subnets.length < asList(group.props.subnetIds).length) {
                out.push({ urn: db.urn, message: `database ${db.name} uses subnets that are not subnets of this stack.` });
            }
            for (const subnet of subnets) {
                if (associations.some((a) => refersTo(a, "subnetId", subnet) && refs(a, "routeTableId").some((rt) => open.has(rt.urn)))) {
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
