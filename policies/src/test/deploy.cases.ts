// Deploy-readiness: configurations the cloud API refuses, or that deploy but do not work.
import { deployment } from "./kubernetes.cases";
import { Case, link, resource } from "./support";
import { PlanResource } from "../gate/plan";

const U = "[unknown]";
const find = (rs: PlanResource[], name: string) => rs.find((r) => r.name === name)!;

/** A key ring in us-central1 with one key, and resources of that region using it. */
const gcpKeys = () => {
    const ring = resource("gcp:kms/keyRing:KeyRing", { location: "us-central1" }, { name: "ring" });
    const key = resource("gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "7776000s" }, { name: "key" });
    link(key, "keyRing", ring, U);
    const bucket = resource("gcp:storage/bucket:Bucket", { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: U } }, { name: "bucket" });
    link(bucket, "encryption", key);
    const sql = resource("gcp:sql/databaseInstance:DatabaseInstance", { region: "us-central1", encryptionKeyName: U }, { name: "sql" });
    link(sql, "encryptionKeyName", key);
    const gke = resource("gcp:container/cluster:Cluster", { location: "us-central1", databaseEncryption: { state: "ENCRYPTED", keyName: U } }, { name: "gke" });
    link(gke, "databaseEncryption", key);
    const repo = resource("gcp:artifactregistry/repository:Repository", { location: "us-central1", kmsKeyName: U }, { name: "repo" });
    link(repo, "kmsKeyName", key);
    const secret = resource("gcp:secretmanager/secret:Secret", { replication: { userManaged: { replicas: [
        { location: "us-central1", customerManagedEncryption: { kmsKeyName: U } }] } } }, { name: "secret" });
    link(secret, "replication", key);
    return [ring, key, bucket, sql, gke, repo, secret];
};

const eksStack = (publicEndpoint = true) => [
    resource("aws:eks/cluster:Cluster", { version: "1.35", vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: publicEndpoint,
        publicAccessCidrs: ["203.0.113.0/24"] } }, { name: "eks" }),
    resource("aws:eks/addon:Addon", { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) }, { name: "cni" }),
    resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", { kind: "NetworkPolicy", metadata: { name: "deny", namespace: "strata" }, spec: { podSelector: {} } }, { name: "np" }),
];

const awsProvider = (name: string, region: string) => resource("pulumi:providers:aws", { region }, { name });

export const deployCases: Case[] = [
    { policy: "gcp-kms-key-location-matches-resource", baseline: gcpKeys,
        flips: { "the bucket is in another region": (rs) => { find(rs, "bucket").props.location = "US-EAST1"; },
            "a multi-region bucket with a regional key": (rs) => { find(rs, "bucket").props.location = "US"; },
            "Cloud SQL is in another region": (rs) => { find(rs, "sql").props.region = "europe-west1"; },
            "the key ring moves away from the cluster": (rs) => { find(rs, "ring").props.location = "us-east1"; },
            "Secret Manager automatic replication with a regional key": (rs) => {
                find(rs, "secret").props.replication = { auto: { customerManagedEncryption: { kmsKeyName: U } } }; },
            "a literal key name of another location": (rs) => { const r = find(rs, "repo"); r.propertyDependencies = {};
                r.props.kmsKeyName = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"; } },
        passes: { "automatic replication with a global key": (rs) => { find(rs, "ring").props.location = "global";
            rs.splice(2, 4); find(rs, "secret").props.replication = { auto: { customerManagedEncryption: { kmsKeyName: U } } }; },
            "a zonal cluster in the key's region": (rs) => { find(rs, "gke").props.location = "us-central1-a"; },
            "the key ring's location is unknown": (rs) => { find(rs, "ring").props.location = U; } } },
    { policy: "gcp-compute-cdn-cache-mode-ttls",
        baseline: () => [resource("gcp:compute/backendService:BackendService", { enableCdn: true,
            cdnPolicy: { cacheMode: "CACHE_ALL_STATIC", defaultTtl: 10, maxTtl: 60, clientTtl: 10 } })],
        flips: { "FORCE_CACHE_ALL with maxTtl": (rs) => { rs[0].props.cdnPolicy.cacheMode = "FORCE_CACHE_ALL"; },
            "USE_ORIGIN_HEADERS with TTLs": (rs) => { rs[0].props.cdnPolicy.cacheMode = "USE_ORIGIN_HEADERS"; },
            "defaultTtl above maxTtl": (rs) => { rs[0].props.cdnPolicy.defaultTtl = 120; } },
        passes: { "FORCE_CACHE_ALL without maxTtl": (rs) => { rs[0].props.cdnPolicy = { cacheMode: "FORCE_CACHE_ALL", defaultTtl: 10, clientTtl: 10 }; },
            "USE_ORIGIN_HEADERS alone": (rs) => { rs[0].props.cdnPolicy = { cacheMode: "USE_ORIGIN_HEADERS" }; } } },
    { policy: "gcp-sql-instance-tls-mode-matches-clients",
        baseline: () => [resource("gcp:sql/databaseInstance:DatabaseInstance", { settings: { connectorEnforcement: "REQUIRED",
            ipConfiguration: { ipv4Enabled: false, requireSsl: true } } })],
        flips: { "client certificates without connector enforcement": (rs) => { delete rs[0].props.settings.connectorEnforcement; },
            "requireSsl true with sslMode ENCRYPTED_ONLY": (rs) => { rs[0].props.settings.ipConfiguration.sslMode = "ENCRYPTED_ONLY"; } },
        passes: { "ENCRYPTED_ONLY with requireSsl false": (rs) => { rs[0].props.settings = { ipConfiguration: { requireSsl: false, sslMode: "ENCRYPTED_ONLY" } }; } } },
    { policy: "aws-ec2-securitygroup-description-charset",
        baseline: () => [resource("aws:ec2/securityGroup:SecurityGroup", { description: "PostgreSQL of strata-dev-database: only from the nodes (5432/tcp) & nothing else",
            ingress: [{ description: "HTTP from the edge [VPC origin]", fromPort: 80, toPort: 80, protocol: "tcp" }] }, { name: "sg" }),
            resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { description: "PostgreSQL from the nodes of the cluster" }, { name: "rule" })],
        flips: { "an apostrophe in the group's description": (rs) => { rs[0].props.description = "PostgreSQL: only from the cluster's nodes"; },
            "an apostrophe in a standalone rule": (rs) => { rs[1].props.description = "the cluster's private API endpoint"; },
            "an & in an inline rule": (rs) => { rs[0].props.ingress[0].description = "HTTP & HTTPS"; },
            "a non-ASCII dash": (rs) => { rs[1].props.description = "nodes \u2013 database"; },
            "256 characters": (rs) => { rs[0].props.description = "a".repeat(256); } },
        passes: { "an unknown description in a preview": (rs) => { rs[1].props.description = "[unknown]"; } } },
    { policy: "aws-cloudfront-cachepolicy-ttl-order",
        baseline: () => [resource("aws:cloudfront/cachePolicy:CachePolicy", { minTtl: 0, defaultTtl: 10, maxTtl: 60 })],
        flips: { "defaultTtl above maxTtl": (rs) => { rs[0].props.defaultTtl = 600; }, "minTtl above defaultTtl": (rs) => { rs[0].props.minTtl = 30; } } },
    { policy: "aws-acm-certificate-validated-and-usable",
        baseline: () => {
            const east = awsProvider("east", "us-east-1");
            const cert = resource("aws:acm/certificate:Certificate", { domainName: "app.example.com", validationMethod: "DNS" }, { name: "cert", provider: east.urn });
            const validation = resource("aws:acm/certificateValidation:CertificateValidation", {}, { name: "valid" });
            link(validation, "certificateArn", cert, U);
            const cdn = resource("aws:cloudfront/distribution:Distribution", { viewerCertificate: { acmCertificateArn: U } }, { name: "cdn" });
            link(cdn, "viewerCertificate", validation);
            return [east, cert, validation, cdn];
        },
        flips: { "nothing validates the certificate": (rs) => { rs.splice(2, 2); },
            "CloudFront uses the certificate before validation": (rs) => { find(rs, "cdn").propertyDependencies = { viewerCertificate: [find(rs, "cert").urn] }; },
            "the certificate is from another region": (rs) => { find(rs, "east").props.region = "eu-west-1";
                find(rs, "cdn").propertyDependencies = { viewerCertificate: [find(rs, "cert").urn] }; } } },
    { policy: "aws-kms-key-same-region",
        baseline: () => {
            const east = awsProvider("east", "us-east-1");
            const key = resource("aws:kms/key:Key", { enableKeyRotation: true }, { name: "key", provider: east.urn });
            const vault = resource("aws:backup/vault:Vault", {}, { name: "vault", provider: east.urn });
            link(vault, "kmsKeyArn", key, U);
            return [east, key, vault];
        },
        flips: { "the vault is in another region": (rs) => { const west = awsProvider("west", "us-west-2"); rs.push(west); find(rs, "vault").provider = west.urn; } } },
    { policy: "aws-iam-role-trust-matches-service",
        baseline: () => [resource("aws:iam/role:Role", { assumeRolePolicy: JSON.stringify({ Statement: [
            { Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
                Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
                    "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:strata:api" } } },
            { Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Principal: { Service: "pods.eks.amazonaws.com" } }] }) })],
        flips: { "the audience is not what EKS sends": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace('"sts.amazonaws.com"', '"api"'); },
            "the subject is a GitHub subject": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace("system:serviceaccount:strata:api", "repo:o/r:ref:refs/heads/main"); },
            "sts:AssumeRole for an OIDC principal": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace("sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"); },
            "Pod Identity without TagSession": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace(',"sts:TagSession"', ""); },
            "a condition key of another issuer": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace("oidc.eks.us-east-1.amazonaws.com/id/ABC:aud", "oidc.eks.us-east-1.amazonaws.com/id/XYZ:aud"); } } },
    { policy: "stack-cluster-api-reachable-by-deployer", baseline: () => [...eksStack(true), deployment()],
        flips: { "a private-only EKS endpoint": (rs) => { rs[0].props.vpcConfig.endpointPublicAccess = false; },
            "a private-only GKE endpoint": (rs) => { rs.splice(0, 1, resource("gcp:container/cluster:Cluster", { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true } }, { name: "gke" })); } },
        passes: { "private, but nothing is deployed into the cluster": (rs) => { rs[0].props.vpcConfig.endpointPublicAccess = false; rs.splice(2); } } },
    { policy: "stack-kubernetes-version-supported", config: { "stack-kubernetes-version-supported": { asOf: "2026-12-02" } },
        baseline: () => [resource("aws:eks/cluster:Cluster", { version: "1.35" }, { name: "eks" }),
            resource("gcp:container/cluster:Cluster", { minMasterVersion: "1.35" }, { name: "gke" })],
        flips: { "EKS 1.30 after its extended support": (rs) => { rs[0].props.version = "1.30"; },
            "GKE 1.34 after its end of support": (rs) => { rs[1].props.minMasterVersion = "1.34"; },
            "a minor not released yet": (rs) => { rs[0].props.version = "1.39"; } },
        passes: { "EKS 1.33 in extended support": (rs) => { rs[0].props.version = "1.33"; },
            "a GKE patch version": (rs) => { rs[1].props.minMasterVersion = "1.35.1-gke.1000"; },
            "no version (the cloud's default)": (rs) => { delete rs[0].props.version; delete rs[1].props.minMasterVersion; } } },
    { policy: "stack-network-policies-enforced", baseline: () => eksStack(),
        flips: { "vpc-cni without enableNetworkPolicy": (rs) => { delete rs[1].props.configurationValues; },
            "GKE without Dataplane V2 or network policy": (rs) => { rs.splice(0, 2, resource("gcp:container/cluster:Cluster", {}, { name: "gke" })); } },
        passes: { "GKE with Dataplane V2": (rs) => { rs.splice(0, 2, resource("gcp:container/cluster:Cluster", { datapathProvider: "ADVANCED_DATAPATH" }, { name: "gke" })); },
            "no NetworkPolicy at all": (rs) => { rs.pop(); delete rs[1].props.configurationValues; } } },
    { policy: "stack-hpa-has-metrics-server",
        baseline: () => [...eksStack(), resource("aws:eks/addon:Addon", { addonName: "metrics-server" }, { name: "ms" }),
            resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", { kind: "HorizontalPodAutoscaler", metadata: { name: "api", namespace: "strata" } }, { name: "hpa" })],
        flips: { "no metrics-server on EKS": (rs) => { rs.splice(3, 1); } },
        passes: { "the metrics-server chart instead": (rs) => { rs.splice(3, 1, resource("kubernetes:helm.sh/v3:Release", { chart: "metrics-server" }, { name: "ms-chart" })); },
            "GKE serves the metrics API": (rs) => { rs.splice(0, 4, resource("gcp:container/cluster:Cluster", {}, { name: "gke" })); } } },
    { policy: "stack-node-group-bounds-have-autoscaler",
        baseline: () => [resource("aws:eks/nodeGroup:NodeGroup", { scalingConfig: { minSize: 3, maxSize: 9, desiredSize: 3 } }, { name: "ng" }),
            resource("kubernetes:helm.sh/v3:Release", { chart: "cluster-autoscaler" }, { name: "ca" })],
        flips: { "no autoscaler for a 3-9 group": (rs) => { rs.pop(); } },
        passes: { "a fixed-size group": (rs) => { rs.pop(); rs[0].props.scalingConfig.maxSize = 3; } } },
    { policy: "stack-kubernetes-objects-wait-for-controllers",
        baseline: () => {
            const chart = resource("kubernetes:helm.sh/v3:Release", { chart: "aws-load-balancer-controller" }, { name: "lbc" });
            const ready = resource("strata:k8s:Ready", {}, { name: "ready" });
            ready.dependencies = [chart.urn];
            const tgb = resource("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", { kind: "TargetGroupBinding", metadata: { name: "api", namespace: "strata" } }, { name: "tgb" });
            tgb.dependencies = [ready.urn];
            return [chart, ready, tgb, deployment()];
        },
        flips: { "the binding does not wait for the controller": (rs) => { find(rs, "tgb").dependencies = []; },
            "a workload skips await": (rs) => { find(rs, "api").props.metadata.annotations = { "pulumi.com/skipAwait": "true" }; },
            "a Job skips await": (rs) => { rs.push(resource("kubernetes:batch/v1:Job", { kind: "Job",
                metadata: { name: "migrate", namespace: "strata", annotations: { "pulumi.com/skipAwait": "true" } } }, { name: "job" })); } },
        passes: { "a Service skips await (its pods come after it)": (rs) => { rs.push(resource("kubernetes:core/v1:Service", { kind: "Service",
                metadata: { name: "api", namespace: "strata", annotations: { "pulumi.com/skipAwait": "true" } } }, { name: "svc" })); },
            "a GKE-managed CRD waits for the cluster": (rs) => { const gke = resource("gcp:container/cluster:Cluster", {}, { name: "gke" });
            const pm = resource("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", { kind: "PodMonitoring", metadata: { name: "api", namespace: "strata" } }, { name: "pm" });
            pm.dependencies = [gke.urn]; rs.push(gke, pm); },
            "a GKE-managed CRD through its provider, which waits for the cluster": (rs) => {
                const gke = resource("gcp:container/cluster:Cluster", {}, { name: "gke" });
                const k8s = resource("pulumi:providers:kubernetes", {}, { name: "k8s" });
                k8s.dependencies = [gke.urn];
                const pm = resource("kubernetes:monitoring.googleapis.com/v1:PodMonitoring", { kind: "PodMonitoring", metadata: { name: "api", namespace: "strata" } }, { name: "pm", provider: k8s.urn });
                rs.push(gke, k8s, pm); } } },
    { policy: "stack-prod-stateful-protected", stack: "prod",
        baseline: () => [resource("aws:rds/instance:Instance", { engine: "postgres" }, { name: "db", options: { protect: true } }),
            resource("gcp:storage/bucket:Bucket", {}, { name: "b", options: { protect: true } })],
        flips: { "the prod database is not protected": (rs) => { rs[0].options = { protect: false }; },
            "a prod bucket has no options": (rs) => { delete rs[1].options; } } },
];
