import { Case, link, resource } from "./support";
import { PlanResource } from "../gate/plan";
import { deployment } from "./kubernetes.cases";

/** A database in an isolated subnet; a public subnet routes to an internet gateway. Indexes are used by the flips. */
const awsDb = () => {
    const U = "[unknown]";
    const dbSubnet = resource("aws:ec2/subnet:Subnet", {}, { name: "db-a" });
    const pubSubnet = resource("aws:ec2/subnet:Subnet", {}, { name: "public-a" });
    const igw = resource("aws:ec2/internetGateway:InternetGateway", {}, { name: "igw" });
    const rtPublic = resource("aws:ec2/routeTable:RouteTable", {}, { name: "rt-public" });
    const rtDb = resource("aws:ec2/routeTable:RouteTable", {}, { name: "rt-db" });
    const route = resource("aws:ec2/route:Route", { destinationCidrBlock: "0.0.0.0/0" }, { name: "r" });
    link(route, "routeTableId", rtPublic, U);
    link(route, "gatewayId", igw, U);
    const a1 = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", {}, { name: "a1" });
    link(a1, "subnetId", pubSubnet, U);
    link(a1, "routeTableId", rtPublic, U);
    const a2 = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", {}, { name: "a2" });
    link(a2, "subnetId", dbSubnet, U);
    link(a2, "routeTableId", rtDb, U);
    const group = resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: [U] }, { name: "sg" });
    link(group, "subnetIds", dbSubnet);
    const db = resource("aws:rds/instance:Instance", {}, { name: "db" });
    link(db, "dbSubnetGroupName", group, U);
    return [dbSubnet, pubSubnet, igw, rtPublic, rtDb, route, a1, a2, group, db];
};
const find = (rs: PlanResource[], name: string) => rs.find((r) => r.name === name)!;

const pdb = (maxUnavailable: any = 1) => resource("kubernetes:policy/v1:PodDisruptionBudget", { kind: "PodDisruptionBudget",
    metadata: { name: "api", namespace: "strata" }, spec: { maxUnavailable, selector: { matchLabels: { app: "api" } } } }, { name: "pdb" });

const denyAll = () => resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", { kind: "NetworkPolicy",
    metadata: { name: "deny-all", namespace: "strata" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }, { name: "deny" });

const provider = (tags: Record<string, string>) => resource("pulumi:providers:aws", {
    region: "us-east-1", defaultTags: JSON.stringify({ tags }) }, { name: "aws" });

export const stackCases: Case[] = [
    { policy: "stack-database-private-network", baseline: awsDb,
        flips: { "the database subnet routes to the internet": (rs) => {
                const a2 = find(rs, "a2"); a2.propertyDependencies!.routeTableId = [find(rs, "rt-public").urn]; },
            "its route table gets an inline internet route": (rs) => {
                const rt = find(rs, "rt-db"); rt.props.routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: "[unknown]" }];
                link(rt, "routes", find(rs, "igw")); },
            "a subnet of another network": (rs) => { find(rs, "sg").props.subnetIds = ["[unknown]", "subnet-elsewhere"]; },
            "no subnet group of the stack": (rs) => { const db = find(rs, "db"); db.props.dbSubnetGroupName = "default"; db.propertyDependencies = {}; },
            "Cloud SQL outside the stack's VPC": (rs) => { rs.push(resource("gcp:compute/network:Network", {}, { name: "n" }),
                resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { privateNetwork: "projects/p/global/networks/other" } } }, { name: "sql" })); } },
        passes: { "Cloud SQL on the stack's VPC": (rs) => { const n = resource("gcp:compute/network:Network", {}, { name: "n" });
            const sql = resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { privateNetwork: "[unknown]" } } }, { name: "sql" });
            link(sql, "settings", n); rs.push(n, sql); } } },
    { policy: "stack-deployment-has-pod-disruption-budget", baseline: () => [deployment(), pdb()],
        flips: { "no PDB": (rs) => { rs.pop(); }, "the PDB forbids every disruption": (rs) => { rs[1].props.spec.maxUnavailable = 0; },
            "the PDB selects other pods": (rs) => { rs[1].props.spec.selector.matchLabels = { app: "web" }; },
            "the PDB is in another namespace": (rs) => { rs[1].props.metadata.namespace = "other"; } } },
    { policy: "stack-namespace-default-deny", baseline: () => [deployment(), denyAll()],
        flips: { "no default deny": (rs) => { rs.pop(); },
            "it denies ingress only": (rs) => { rs[1].props.spec.policyTypes = ["Ingress"]; },
            "it selects some pods only": (rs) => { rs[1].props.spec.podSelector = { matchLabels: { app: "api" } }; } } },
    { policy: "stack-required-tags",
        baseline: () => {
            const p = provider({ project: "strata", stack: "dev", owner: "platform" });
            return [p, resource("aws:ec2/vpc:Vpc", {}, { name: "v", provider: p.urn }),
                resource("kubernetes:core/v1:Service", { kind: "Service", metadata: { name: "api", labels: { "app.kubernetes.io/part-of": "strata" } } }, { name: "svc" })];
        },
        flips: { "the provider lacks owner": (rs) => { rs[0].props.defaultTags = JSON.stringify({ tags: { project: "strata", stack: "dev" } }); },
            "a resource uses the default provider": (rs) => { rs[1].provider = null; },
            "a Kubernetes object lacks part-of": (rs) => { rs[2].props.metadata.labels = {}; } } },
    { policy: "stack-alerting-configured",
        baseline: () => [resource("aws:rds/instance:Instance", {}, { name: "db" }),
            resource("aws:cloudwatch/metricAlarm:MetricAlarm", { alarmActions: ["arn:sns"] }, { name: "alarm" })],
        flips: { "no alarm": (rs) => { rs.pop(); }, "the alarm notifies no one": (rs) => { rs[1].props.alarmActions = []; },
            "the alarm is disabled": (rs) => { rs[1].props.actionsEnabled = false; } } },
];
