// Preview tolerance: an unknown value makes only the check that reads it undecided; every other check of
// the same rule still reports at the rule's level (the reproduction is the first case).
import { deployment } from "./kubernetes.cases";
import { Case, resource } from "./support";

const U = "[unknown]";

export const unknownCases: Case[] = [
    { policy: "aws-rds-instance-storage-encrypted",
        baseline: () => [resource("aws:rds/instance:Instance", { engine: "postgres", storageEncrypted: true, kmsKeyId: U })],
        flips: { "storageEncrypted is false and kmsKeyId is unknown": (rs) => { rs[0].props.storageEncrypted = false; } } },
    { policy: "gcp-sql-instance-private-only",
        baseline: () => [resource("gcp:sql/databaseInstance:DatabaseInstance", { databaseVersion: "POSTGRES_16",
            settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: U } } })],
        flips: { "a public IP while privateNetwork is unknown": (rs) => { rs[0].props.settings.ipConfiguration.ipv4Enabled = true; } } },
    { policy: "kubernetes-workload-no-privileged-or-host-access",
        baseline: () => { const d = deployment(); d.props.spec.template.spec.containers.push({ ...d.props.spec.template.spec.containers[0], name: "side", image: U }); return [d]; },
        flips: { "one container is privileged while another's image is unknown": (rs) => {
            rs[0].props.spec.template.spec.containers[0].securityContext.privileged = true; } } },
    { policy: "kubernetes-workload-image-pinned",
        baseline: () => { const d = deployment(); d.props.spec.template.spec.containers.push({ ...d.props.spec.template.spec.containers[0], name: "side", image: U }); return [d]; },
        flips: { "one image is :latest while another is unknown": (rs) => {
            rs[0].props.spec.template.spec.containers[0].image = "strata/counter:latest"; } } },
    { policy: "aws-eks-cluster-endpoint-restricted",
        baseline: () => [resource("aws:eks/cluster:Cluster", { roleArn: U, vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: [U, U] } })],
        flips: { "public to all while the subnets are unknown": (rs) => { rs[0].props.vpcConfig.endpointPublicAccess = true; } } },
    { policy: "gcp-compute-backendservice-armor-logging",
        baseline: () => [resource("gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED", securityPolicy: U, logConfig: { enable: true } })],
        flips: { "logging off while the Armor policy is unknown": (rs) => { rs[0].props.logConfig.enable = false; } } },
];
