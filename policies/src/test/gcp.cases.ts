import { Case, link, resource } from "./support";

const GKE = "gcp:container/cluster:Cluster";
const POOL = "gcp:container/nodePool:NodePool";
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const BUCKET = "gcp:storage/bucket:Bucket";

const gke = () => [resource(GKE, {
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "203.0.113.0/24" }], gcpPublicCidrsAccessEnabled: false },
    datapathProvider: "ADVANCED_DATAPATH",
    workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
    databaseEncryption: { state: "ENCRYPTED", keyName: "projects/p/locations/r/keyRings/k/cryptoKeys/c" },
    loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] },
    releaseChannel: { channel: "REGULAR" },
    enableLegacyAbac: false,
})];

const pool = () => [resource(POOL, {
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: { serviceAccount: "nodes@p.iam.gserviceaccount.com", workloadMetadataConfig: { mode: "GKE_METADATA" },
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true } },
})];

const sql = () => [resource(SQL, {
    databaseVersion: "POSTGRES_16", deletionProtection: true,
    settings: {
        availabilityType: "REGIONAL", deletionProtectionEnabled: true,
        ipConfiguration: { ipv4Enabled: false, privateNetwork: "net-1", requireSsl: true },
        backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } },
        databaseFlags: [{ name: "log_connections", value: "on" }, { name: "log_disconnections", value: "on" },
            { name: "log_lock_waits", value: "on" }],
    },
})];

const bucket = () => [resource(BUCKET, { publicAccessPrevention: "enforced", uniformBucketLevelAccess: true,
    versioning: { enabled: true }, encryption: { defaultKmsKeyName: "projects/p/.../cryptoKeys/d" } })];

export const gcpCases: Case[] = [
    { policy: "gcp-compute-subnetwork-flow-logs",
        baseline: () => [resource("gcp:compute/subnetwork:Subnetwork", { logConfig: { aggregationInterval: "INTERVAL_1_MIN" },
            privateIpGoogleAccess: true })],
        flips: { "flow logs are off": (rs) => { delete rs[0].props.logConfig; },
            "no private Google access": (rs) => { rs[0].props.privateIpGoogleAccess = false; } } },
    { policy: "gcp-compute-firewall-no-open-ingress",
        baseline: () => [resource("gcp:compute/firewall:Firewall", { sourceRanges: ["35.191.0.0/16"], allows: [{ protocol: "tcp", ports: ["8080"] }] }),
            resource("gcp:compute/firewall:Firewall", { sourceRanges: ["0.0.0.0/0"], denies: [{ protocol: "all" }] }, { name: "deny" })],
        flips: { "an allow rule is open to the internet": (rs) => { rs[0].props.sourceRanges = ["0.0.0.0/0"]; } } },
    { policy: "gcp-compute-sslpolicy-tls12",
        baseline: () => [resource("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2", profile: "MODERN" })],
        flips: { "TLS 1.0 is allowed": (rs) => { delete rs[0].props.minTlsVersion; },
            "the COMPATIBLE profile": (rs) => { rs[0].props.profile = "COMPATIBLE"; } } },
    { policy: "gcp-compute-targethttpsproxy-ssl-policy",
        baseline: () => [resource("gcp:compute/targetHttpsProxy:TargetHttpsProxy", { sslPolicy: "tls" })],
        flips: { "no SSL policy": (rs) => { delete rs[0].props.sslPolicy; } } },
    { policy: "gcp-compute-http-redirects-to-https",
        baseline: () => {
            const map = resource("gcp:compute/uRLMap:URLMap", { defaultUrlRedirect: { httpsRedirect: true } }, { name: "redirect" });
            const proxy = resource("gcp:compute/targetHttpProxy:TargetHttpProxy", {}, { name: "http" });
            link(proxy, "urlMap", map, "[unknown]");
            return [map, proxy];
        },
        flips: { "HTTP serves content": (rs) => { rs[0].props.defaultUrlRedirect = undefined; rs[0].props.defaultService = "web"; },
            "HTTP points at another map": (rs) => { rs[1].props.urlMap = "map-2"; rs[1].propertyDependencies = {}; } } },
    { policy: "gcp-compute-backendservice-armor-logging",
        baseline: () => [resource("gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED",
            securityPolicy: "armor", logConfig: { enable: true } })],
        flips: { "no Cloud Armor": (rs) => { delete rs[0].props.securityPolicy; },
            "no request logging": (rs) => { rs[0].props.logConfig.enable = false; } } },
    { policy: "gcp-container-cluster-private-nodes", baseline: gke,
        flips: { "nodes are public": (rs) => { rs[0].props.privateClusterConfig.enablePrivateNodes = false; } } },
    { policy: "gcp-container-cluster-control-plane-restricted", baseline: gke,
        flips: { "no authorized networks": (rs) => { delete rs[0].props.masterAuthorizedNetworksConfig; },
            "0.0.0.0/0 is authorized": (rs) => { rs[0].props.masterAuthorizedNetworksConfig.cidrBlocks = [{ cidrBlock: "0.0.0.0/0" }]; },
            "all Google Cloud IPs are allowed": (rs) => { rs[0].props.masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled = true; } } },
    { policy: "gcp-container-cluster-network-policy", baseline: gke,
        flips: { "legacy datapath without policy": (rs) => { delete rs[0].props.datapathProvider; } } },
    { policy: "gcp-container-workload-identity", baseline: () => [...gke(), ...pool()],
        flips: { "no workload pool": (rs) => { delete rs[0].props.workloadIdentityConfig; },
            "nodes expose metadata": (rs) => { rs[1].props.nodeConfig.workloadMetadataConfig.mode = "GCE_METADATA"; } } },
    { policy: "gcp-container-cluster-secrets-encryption", baseline: gke,
        flips: { "secrets are decrypted": (rs) => { rs[0].props.databaseEncryption.state = "DECRYPTED"; },
            "no key": (rs) => { delete rs[0].props.databaseEncryption; } } },
    { policy: "gcp-container-cluster-logging-monitoring", baseline: gke,
        flips: { "workload logs are off": (rs) => { rs[0].props.loggingConfig.enableComponents = ["SYSTEM_COMPONENTS"]; },
            "logging is none": (rs) => { rs[0].props.loggingService = "none"; } } },
    { policy: "gcp-container-cluster-release-channel", baseline: gke,
        flips: { "no release channel": (rs) => { delete rs[0].props.releaseChannel; },
            "UNSPECIFIED channel": (rs) => { rs[0].props.releaseChannel.channel = "UNSPECIFIED"; } } },
    { policy: "gcp-container-cluster-no-legacy-auth", baseline: gke,
        flips: { "legacy ABAC": (rs) => { rs[0].props.enableLegacyAbac = true; },
            "client certificates": (rs) => { rs[0].props.masterAuth = { clientCertificateConfig: { issueClientCertificate: true } }; } } },
    { policy: "gcp-container-nodepool-hardening", baseline: pool,
        flips: { "secure boot is off": (rs) => { rs[0].props.nodeConfig.shieldedInstanceConfig.enableSecureBoot = false; },
            "auto-upgrade is off": (rs) => { rs[0].props.management.autoUpgrade = false; },
            "auto-repair is off": (rs) => { rs[0].props.management.autoRepair = false; } } },
    { policy: "gcp-container-nodepool-dedicated-service-account", baseline: pool,
        flips: { "the default compute account": (rs) => { rs[0].props.nodeConfig.serviceAccount = "123-compute@developer.gserviceaccount.com"; },
            "no account": (rs) => { delete rs[0].props.nodeConfig.serviceAccount; } } },
    { policy: "gcp-sql-instance-private-only", baseline: sql,
        flips: { "a public IP by default": (rs) => { delete rs[0].props.settings.ipConfiguration.ipv4Enabled; },
            "no private network": (rs) => { delete rs[0].props.settings.ipConfiguration.privateNetwork; },
            "the internet is authorized": (rs) => { rs[0].props.settings.ipConfiguration.authorizedNetworks = [{ value: "0.0.0.0/0" }]; } } },
    { policy: "gcp-sql-instance-require-ssl", baseline: sql,
        flips: { "plain connections allowed": (rs) => { rs[0].props.settings.ipConfiguration.requireSsl = false; } } },
    { policy: "gcp-sql-instance-backups", baseline: sql, stack: "prod",
        flips: { "backups are off": (rs) => { rs[0].props.settings.backupConfiguration.enabled = false; },
            "no PITR": (rs) => { rs[0].props.settings.backupConfiguration.pointInTimeRecoveryEnabled = false; },
            "3 backups in prod": (rs) => { rs[0].props.settings.backupConfiguration.backupRetentionSettings.retainedBackups = 3; } } },
    { policy: "gcp-sql-instance-ha-deletion-protection", baseline: sql, stack: "prod",
        flips: { "zonal in prod": (rs) => { rs[0].props.settings.availabilityType = "ZONAL"; },
            "API deletion protection off": (rs) => { rs[0].props.settings.deletionProtectionEnabled = false; } } },
    { policy: "gcp-sql-instance-logging-flags", baseline: sql,
        flips: { "connections are not logged": (rs) => { rs[0].props.settings.databaseFlags.shift(); } } },
    { policy: "gcp-storage-bucket-no-public", baseline: bucket,
        flips: { "public access prevention inherited": (rs) => { rs[0].props.publicAccessPrevention = "inherited"; },
            "object ACLs": (rs) => { rs[0].props.uniformBucketLevelAccess = false; },
            "granted to allUsers": (rs) => { rs.push(resource("gcp:storage/bucketIAMMember:BucketIAMMember",
                { role: "roles/storage.objectViewer", member: "allUsers" }, { name: "public" })); } } },
    { policy: "gcp-storage-bucket-versioning-encryption", baseline: bucket,
        flips: { "no versioning": (rs) => { rs[0].props.versioning.enabled = false; },
            "no customer key": (rs) => { delete rs[0].props.encryption; } } },
    { policy: "gcp-kms-cryptokey-rotation",
        baseline: () => [resource("gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "7776000s" })],
        flips: { "yearly rotation": (rs) => { rs[0].props.rotationPeriod = "31536000s"; }, "never rotates": (rs) => { delete rs[0].props.rotationPeriod; } } },
    { policy: "gcp-projects-iam-no-primitive-roles",
        baseline: () => [resource("gcp:projects/iAMMember:IAMMember", { role: "roles/logging.logWriter", member: "serviceAccount:x" })],
        flips: { "editor is granted": (rs) => { rs[0].props.role = "roles/editor"; }, "owner is granted": (rs) => { rs[0].props.role = "roles/owner"; } } },
    { policy: "gcp-iam-wif-binding-pinned",
        baseline: () => [resource("gcp:serviceaccount/iAMMember:IAMMember", { role: "roles/iam.workloadIdentityUser",
            member: "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/subject/repo:acme/strata:environment:dev" })],
        passes: { "a set pinned by the repository id": (rs) => { rs[0].props.member =
                "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/attribute.repository_id/42"; },
            "another role": (rs) => { rs[0].props.role = "roles/iam.serviceAccountUser";
                rs[0].props.member = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/*"; } },
        flips: { "the whole pool": (rs) => { rs[0].props.member =
                "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/*"; },
            "the whole pool may mint tokens": (rs) => { rs[0].props.role = "roles/iam.serviceAccountTokenCreator";
                rs[0].props.member = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/*"; } } },
    { policy: "gcp-iam-wif-provider-pinned",
        // the condition GcpRegistry writes: ids and name, then the deploy job or the preview job
        baseline: () => [resource("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", {
            oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
            attributeCondition: "assertion.repository_id == '1' && assertion.repository_owner_id == '2'"
                + " && assertion.repository == 'acme/strata' && ((assertion.environment == 'dev'"
                + " && assertion.ref == 'refs/heads/main') || (assertion.environment == 'preview-dev'"
                + " && assertion.event_name == 'pull_request'))" })],
        passes: { "one branch": (rs) => { rs[0].props.attributeCondition = "assertion.repository == 'acme/strata' && assertion.ref == 'refs/heads/main'"; },
            "one environment": (rs) => { rs[0].props.attributeCondition = "(assertion.repository == 'acme/strata') && assertion.environment == 'prod'"; } },
        flips: { "no condition": (rs) => { delete rs[0].props.attributeCondition; },
            "any branch": (rs) => { rs[0].props.attributeCondition = "assertion.repository == 'acme/strata'"; },
            "an alternative pins neither branch nor environment": (rs) => { rs[0].props.attributeCondition =
                "assertion.repository == 'acme/strata' && (assertion.environment == 'dev' || assertion.event_name == 'pull_request')"; },
            "the repository only on one alternative": (rs) => { rs[0].props.attributeCondition =
                "assertion.repository == 'acme/strata' && assertion.environment == 'dev' || assertion.environment == 'preview-dev'"; },
            "a repository wildcard": (rs) => { rs[0].props.attributeCondition = "assertion.repository == 'acme/*' && assertion.environment == 'dev'"; } } },
];
