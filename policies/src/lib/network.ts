// AWS routing joins shared by the network rules: which route tables send the internet to an internet
// gateway, and which subnets use them. Everything joins through property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { asList, isSet, OPEN_CIDRS, raw, refs, refersTo } from "./props";

const IGW = "aws:ec2/internetGateway:InternetGateway";

/** Route tables (by URN) with a default route to an internet gateway (Route resources or inline routes). */
export function internetRouteTables(resources: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    const open = (route: any) => OPEN_CIDRS.includes(route.destinationCidrBlock ?? route.cidrBlock)
        || OPEN_CIDRS.includes(route.destinationIpv6CidrBlock ?? route.ipv6CidrBlock);
    for (const route of resources.filter((r) => r.type === "aws:ec2/route:Route")) {
        const r = raw(route.props);
        if (open(r) && (String(r.gatewayId ?? "").startsWith("igw-") || refs(route, "gatewayId").some((g) => g.type === IGW))) {
            refs(route, "routeTableId").forEach((rt) => out.add(rt.urn));
        }
    }
    for (const rt of resources.filter((r) => r.type === "aws:ec2/routeTable:RouteTable")) {
        const igwRef = refs(rt, "routes").some((g) => g.type === IGW);
        if (asList(raw(rt.props).routes).some((r: any) => open(r) && (String(r.gatewayId ?? "").startsWith("igw-") || (igwRef && isSet(r, "gatewayId"))))) {
            out.add(rt.urn);
        }
    }
    return out;
}

/** True when the subnet is associated with a route table that routes the internet to an internet gateway. */
export function routesToInternet(resources: PolicyResource[], subnet: PolicyResource, open = internetRouteTables(resources)): boolean {
    return resources.filter((r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation")
        .some((a) => refersTo(a, "subnetId", subnet) && refs(a, "routeTableId").some((rt) => open.has(rt.urn)));
}
