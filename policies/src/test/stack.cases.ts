import { Case, resource } from "./support";
import { deployment } from "./kubernetes.cases";

const awsDb = () => [
    resource("aws:ec2/subnet:Subnet", {}, { name: "db-a", id: "subnet-db-a" }),
    resource("aws:ec2/subnet:Subnet", {}, { name: "public-a", id: "subnet-pub-a" }),
    resource("aws:ec2/route:Route", { routeTableId: "rt-public", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }, { name: "r" }),
    resource("aws:ec2/routeTableAssociation:RouteTableAssociation", { subnetId: "subnet-pub-a", routeTableId: "rt-public" }, { name: "a1" }),
    resource("aws:ec2/routeTableAssociation:RouteTableAssociation", { subnetId: "subnet-db-a", routeTableId: "rt-db" }, { name: "a2" }),
    resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: ["subnet-db-a"] }, { name: "sg", id: "dbsg-1" }),
    resource("aws:rds/instance:Instance", { dbSubnetGroupName: "dbsg-1" }, { name: "db" }),
];

const pdb = (maxUnavailable: any = 1) => resource("kubernetes:policy/v1:PodDisruptionBudget", { kind: "PodDisruptionBudget",
    metadata: { name: "api", namespace: "strata" }, spec: { maxUnavailable, selector: { matchLabels: { app: "api" } } } }, { name: "pdb" });

const denyAll = () => resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", { kind: "NetworkPolicy",
    metadata: { name: "deny-all", namespace: "strata" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }, { name: "deny" });

const provider = (tags: Record<string, string>) => resource("pulumi:providers:aws", {
    region: "us-east-1", defaultTags: JSON.stringify({ tags }) }, { name: "aws" });

export const stackCases: Case[] = [
    { policy: "stack-database-private-network", baseline: awsDb,
        flips: { "the database subnet routes to the internet": (rs) => { rs[4].props.routeTableId = "rt-public"; },
            "a subnet of another network": (rs) => { rs[5].props.subnetIds = ["subnet-elsewhere"]; },
            "no subnet group of the stack": (rs) => { rs[6].props.dbSubnetGroupName = "default"; },
            "Cloud SQL outside the stack's VPC": (rs) => { rs.push(resource("gcp:compute/network:Network", {}, { name: "n", id: "net-1" }),
                resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { privateNetwork: "net-2" } } }, { name: "sql" })); } } },
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
