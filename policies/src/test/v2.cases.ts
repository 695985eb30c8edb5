// Closed bypasses (each a failing case), removed false positives (each a passing case) and the check-list
// rules that were missing.
import { deployment } from "./kubernetes.cases";
import { Case, link, resource } from "./support";
import { PlanResource } from "../gate/plan";

const U = "[unknown]";
const find = (rs: PlanResource[], name: string) => rs.find((r) => r.name === name)!;
const doc = (statements: any[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const irsaTrust = (sub: any, op = "StringEquals") => doc([{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity",
    Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
    Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
        ...(op === "StringEquals" ? {} : { [op]: {} }) } }]).replace('"sts.amazonaws.com"}', `"sts.amazonaws.com","oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":${JSON.stringify(sub)}}`);

/** A VPC with a public subnet (internet route) and a private one, and a node group in the private one. */
const nodeNetwork = () => {
    const pub = resource("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: false }, { name: "public" });
    const priv = resource("aws:ec2/subnet:Subnet", {}, { name: "private" });
    const igw = resource("aws:ec2/internetGateway:InternetGateway", {}, { name: "igw" });
    const rt = resource("aws:ec2/routeTable:RouteTable", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] }, { name: "rt" });
    link(rt, "routes", igw);
    const assoc = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", {}, { name: "assoc" });
    link(assoc, "subnetId", pub, U);
    link(assoc, "routeTableId", rt, U);
    const group = resource("aws:eks/nodeGroup:NodeGroup", { subnetIds: [U] }, { name: "ng" });
    link(group, "subnetIds", priv);
    return [pub, priv, igw, rt, assoc, group];
};

const bucketWith = (ownership: string) => {
    const b = resource("aws:s3/bucketV2:BucketV2", {}, { name: "b" });
    const oc = resource("aws:s3/bucketOwnershipControls:BucketOwnershipControls", { rule: { objectOwnership: ownership } }, { name: "oc" });
    link(oc, "bucket", b, U);
    return [b, oc];
};

const webAcl = () => {
    const acl = resource("aws:wafv2/webAcl:WebAcl", { scope: "CLOUDFRONT", defaultAction: { allow: {} }, rules: [
        { name: "common", overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } } },
        { name: "bad", overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } } }] }, { name: "acl" });
    const cdn = resource("aws:cloudfront/distribution:Distribution", {}, { name: "cdn" });
    link(cdn, "webAclId", acl, U);
    return [acl, cdn];
};

/** A distribution whose two behaviors attach a response headers policy sending HSTS for a year. */
const hstsEdge = () => {
    const headers = resource("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", { securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, override: true } } }, { name: "headers" });
    const cdn = resource("aws:cloudfront/distribution:Distribution", { defaultCacheBehavior: { targetOriginId: "alb" },
        orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "alb" }] }, { name: "cdn" });
    link(cdn, "defaultCacheBehavior", headers);
    link(cdn, "orderedCacheBehaviors", headers);
    cdn.props.defaultCacheBehavior.responseHeadersPolicyId = U;
    cdn.props.orderedCacheBehaviors[0].responseHeadersPolicyId = U;
    return [headers, cdn];
};

const armor = () => {
    const policy = resource("gcp:compute/securityPolicy:SecurityPolicy", { rules: [
        { action: "deny(403)", priority: 1000, match: { expr: { expression: "evaluatePreconfiguredWaf('sqli-v33-stable')" } } },
        { action: "deny(403)", priority: 1001, match: { expr: { expression: "evaluatePreconfiguredExpr('xss-v33-stable')" } } },
        { action: "allow", priority: 2147483647, match: { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } } }] }, { name: "armor" });
    const backend = resource("gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED", logConfig: { enable: true } }, { name: "be" });
    link(backend, "securityPolicy", policy, U);
    return [policy, backend];
};

const hpa = (min: number) => resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", { kind: "HorizontalPodAutoscaler",
    metadata: { name: "api", namespace: "strata" }, spec: { minReplicas: min, maxReplicas: 12,
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" } } }, { name: "hpa" });

export const v2Cases: Case[] = [
    // 4. bypasses
    { policy: "gcp-compute-firewall-no-open-ingress",
        baseline: () => [resource("gcp:compute/firewall:Firewall", { sourceTags: ["lb"], allows: [{ protocol: "tcp", ports: ["8080"] }] }),
            resource("gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", { action: "allow", direction: "INGRESS",
                match: { srcIpRanges: ["35.191.0.0/16", "130.211.0.0/22"], layer4Configs: [{ ipProtocol: "tcp" }] } }, { name: "fwp" })],
        flips: { "an allow rule has no source at all (GCP uses 0.0.0.0/0)": (rs) => { delete rs[0].props.sourceTags; },
            "0.0.0.0/1 plus 128.0.0.0/1": (rs) => { rs[0].props.sourceRanges = ["0.0.0.0/1", "128.0.0.0/1"]; },
            "a network firewall policy rule allows the internet": (rs) => { rs[1].props.match.srcIpRanges = ["0.0.0.0/0"]; },
            "a hierarchical firewall policy rule allows the internet": (rs) => { rs[1].type = "gcp:compute/firewallPolicyRule:FirewallPolicyRule";
                rs[1].urn = rs[1].urn.replace("networkFirewallPolicyRule:NetworkFirewallPolicyRule", "firewallPolicyRule:FirewallPolicyRule");
                rs[1].props.match.srcIpRanges = ["::/0"]; } },
        passes: { "half the internet is not all of it": (rs) => { rs[0].props.sourceRanges = ["0.0.0.0/1"]; },
            "a deny policy rule from anywhere": (rs) => { rs[1].props.action = "deny"; rs[1].props.match.srcIpRanges = ["0.0.0.0/0"]; } } },
    { policy: "aws-ec2-securitygroup-no-open-ingress",
        baseline: () => [resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", { ingress: [] }, { name: "default" })],
        flips: { "the default SG admits the internet": (rs) => { rs[0].props.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]; },
            "two halves of the internet": (rs) => { rs[0].props.ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["128.0.0.0/1", "0.0.0.0/1"] }]; } } },
    { policy: "aws-iam-policy-no-wildcard-actions",
        baseline: () => [resource("aws:iam/role:Role", { assumeRolePolicy: doc([]), inlinePolicies: [{ name: "read", policy: doc([
            { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }]) }] })],
        flips: { "an inline role policy allows *": (rs) => { rs[0].props.inlinePolicies[0].policy = doc([{ Effect: "Allow", Action: "*", Resource: "*" }]); },
            "iam:* on *": (rs) => { rs[0].props.inlinePolicies[0].policy = doc([{ Effect: "Allow", Action: ["iam:*"], Resource: "*" }]); } } },
    { policy: "aws-iam-no-admin-attachment",
        baseline: () => [resource("aws:iam/role:Role", { assumeRolePolicy: doc([]), managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"] })],
        flips: { "managedPolicyArns has AdministratorAccess": (rs) => { rs[0].props.managedPolicyArns.push("arn:aws:iam::aws:policy/AdministratorAccess"); },
            "a user gets AdministratorAccess": (rs) => { rs.push(resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { name: "u" })); },
            "a group gets IAMFullAccess": (rs) => { rs.push(resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }, { name: "g" })); } } },
    { policy: "aws-iam-role-irsa-subject-pinned",
        baseline: () => [resource("aws:iam/role:Role", { assumeRolePolicy: irsaTrust("system:serviceaccount:strata:api") })],
        flips: { "a wildcard service account": (rs) => { rs[0].props.assumeRolePolicy = irsaTrust("system:serviceaccount:strata:*"); },
            "StringLike on the subject": (rs) => { rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity",
                Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" },
                Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
                    StringLike: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:*" } } }] }); } } },
    { policy: "aws-cloudfront-distribution-origin-tls",
        baseline: () => [resource("aws:cloudfront/distribution:Distribution", { origins: [{ originId: "s3", domainName: "b.s3.us-east-1.amazonaws.com", originAccessControlId: "oac" }] })],
        flips: { "a custom HTTP origin with an origin access control id": (rs) => { rs[0].props.origins.push({ originId: "web", domainName: "origin.example.com",
            originAccessControlId: "oac", customOriginConfig: { originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] } }); } } },
    { policy: "aws-cloudfront-distribution-waf-content", baseline: webAcl,
        flips: { "the ACL only counts the common rules": (rs) => { rs[0].props.rules[0].overrideAction = { count: {} }; },
            "the ACL has no managed rules": (rs) => { rs[0].props.rules = []; },
            "the ACL is REGIONAL": (rs) => { rs[0].props.scope = "REGIONAL"; },
            "an outside ACL of a region": (rs) => { rs.splice(0, 1); rs[0].propertyDependencies = {}; rs[0].props.webAclId = "arn:aws:wafv2:us-east-1:1:regional/webacl/x/1"; } },
        passes: { "an outside CLOUDFRONT ACL": (rs) => { rs.splice(0, 1); rs[0].propertyDependencies = {}; rs[0].props.webAclId = "arn:aws:wafv2:us-east-1:1:global/webacl/x/1"; } } },
    { policy: "aws-cloudfront-distribution-hsts", baseline: hstsEdge,
        flips: { "the /api/* behavior has no response headers policy": (rs) => { delete rs[1].props.orderedCacheBehaviors[0].responseHeadersPolicyId; },
            "HSTS for one day": (rs) => { rs[0].props.securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec = 86400; },
            "the origin's HSTS wins": (rs) => { rs[0].props.securityHeadersConfig.strictTransportSecurity.override = false; },
            "a policy with CORS only": (rs) => { rs[0].props.securityHeadersConfig = undefined; rs[0].props.corsConfig = {}; },
            "an outside policy that cannot be checked": (rs) => { rs.splice(0, 1); rs[0].propertyDependencies = {};
                rs[0].props.defaultCacheBehavior.responseHeadersPolicyId = "abc"; rs[0].props.orderedCacheBehaviors[0].responseHeadersPolicyId = "abc"; } },
        passes: { "AWS's managed SecurityHeadersPolicy": (rs) => { rs.splice(0, 1); rs[0].propertyDependencies = {};
            rs[0].props.defaultCacheBehavior.responseHeadersPolicyId = "67f7725c-6f97-4210-82d7-5512b31e9d03";
            rs[0].props.orderedCacheBehaviors[0].responseHeadersPolicyId = "67f7725c-6f97-4210-82d7-5512b31e9d03"; } } },
    { policy: "gcp-compute-backendservice-hsts",
        baseline: () => [resource("gcp:compute/backendService:BackendService", { loadBalancingScheme: "EXTERNAL_MANAGED",
            customResponseHeaders: ["Strict-Transport-Security: max-age=31536000; includeSubDomains"] })],
        flips: { "no custom response headers": (rs) => { delete rs[0].props.customResponseHeaders; },
            "HSTS for one hour": (rs) => { rs[0].props.customResponseHeaders = ["Strict-Transport-Security: max-age=3600"]; },
            "other headers only": (rs) => { rs[0].props.customResponseHeaders = ["X-Frame-Options: DENY"]; } },
        passes: { "an internal backend needs none": (rs) => { rs[0].props.loadBalancingScheme = "INTERNAL_MANAGED"; delete rs[0].props.customResponseHeaders; },
            "the header name in lower case": (rs) => { rs[0].props.customResponseHeaders = ["strict-transport-security: max-age=63072000"]; } } },
    { policy: "gcp-compute-security-policy-content", baseline: armor,
        flips: { "the sqli rule only previews": (rs) => { rs[0].props.rules[0].action = "allow"; },
            "no WAF rules at all": (rs) => { rs[0].props.rules = rs[0].props.rules.slice(2); } } },
    { policy: "aws-rds-instance-storage-encrypted",
        baseline: () => [resource("aws:rds/cluster:Cluster", { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: U })],
        flips: { "an Aurora cluster left unencrypted (the default)": (rs) => { delete rs[0].props.storageEncrypted; } } },
    { policy: "aws-rds-instance-no-public-access",
        baseline: () => [resource("aws:rds/clusterInstance:ClusterInstance", { engine: "aurora-postgresql", publiclyAccessible: false })],
        flips: { "a public Aurora instance": (rs) => { rs[0].props.publiclyAccessible = true; } } },
    { policy: "aws-rds-instance-backup-retention", stack: "prod",
        baseline: () => [resource("aws:rds/cluster:Cluster", { engine: "aurora-postgresql", backupRetentionPeriod: 14 })],
        flips: { "an Aurora cluster keeps 1 day": (rs) => { rs[0].props.backupRetentionPeriod = 1; } } },
    { policy: "stack-database-private-network",
        baseline: () => { const rs = nodeNetwork(); const g = resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: [U] }, { name: "sg" });
            link(g, "subnetIds", find(rs, "private")); const db = resource("aws:rds/instance:Instance", {}, { name: "db" }); link(db, "dbSubnetGroupName", g, U);
            return [...rs, g, db]; },
        flips: { "the group holds the subnet whose table has an inline internet route": (rs) => { link(find(rs, "sg"), "subnetIds", find(rs, "public")); find(rs, "sg").props.subnetIds.push(U); } } },
    { policy: "aws-s3-bucket-encryption",
        baseline: () => [resource("aws:s3/bucket:Bucket", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } })],
        flips: { "a legacy bucket without encryption": (rs) => { delete rs[0].props.serverSideEncryptionConfiguration; } } },
    { policy: "aws-s3-bucket-versioning",
        baseline: () => [resource("aws:s3/bucket:Bucket", { versioning: { enabled: true } })],
        flips: { "a legacy bucket without versioning": (rs) => { delete rs[0].props.versioning; } } },
    { policy: "aws-s3-bucket-tls-only",
        baseline: () => [resource("aws:s3/bucket:Bucket", { policy: doc([{ Effect: "Deny", Principal: "*", Action: "s3:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } } }]) })],
        flips: { "a legacy bucket without a TLS-only policy": (rs) => { delete rs[0].props.policy; } } },
    { policy: "kubernetes-helm-release-pinned-and-safe-values",
        baseline: () => [resource("kubernetes:helm.sh/v3:Release", { chart: "aws-load-balancer-controller", version: "1.8.1", atomic: true,
            repositoryOpts: { repo: "https://aws.github.io/eks-charts" }, values: { replicaCount: 2, securityContext: { runAsNonRoot: true } } })],
        flips: { "no chart version": (rs) => { delete rs[0].props.version; },
            "values ask for hostNetwork": (rs) => { rs[0].props.values.hostNetwork = true; },
            "values ask for a privileged sidecar": (rs) => { rs[0].props.values.sidecar = { securityContext: { privileged: true } }; },
            "an HTTP repository": (rs) => { rs[0].props.repositoryOpts.repo = "http://charts.example.com"; },
            "not atomic": (rs) => { rs[0].props.atomic = false; } } },
    // 5. false positives
    { policy: "aws-iam-role-github-oidc-pinned",
        baseline: () => [resource("aws:iam/role:Role", { assumeRolePolicy: doc([{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" },
            Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:o/r:environment:prod",
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }]) })],
        flips: { "any environment": (rs) => { rs[0].props.assumeRolePolicy = rs[0].props.assumeRolePolicy.replace("environment:prod", "environment:*"); } } },
    { policy: "kubernetes-deployment-replicas", stack: "prod",
        baseline: () => { const d = deployment("api"); delete d.props.spec.replicas; return [d, hpa(3)]; },
        flips: { "the HPA's floor is 1": (rs) => { rs[1].props.spec.minReplicas = 1; },
            "no HPA and no replicas": (rs) => { rs.pop(); } } },
    { policy: "stack-deployment-has-pod-disruption-budget",
        baseline: () => [deployment("api", 4), resource("kubernetes:policy/v1:PodDisruptionBudget", { kind: "PodDisruptionBudget",
            metadata: { name: "api", namespace: "strata" }, spec: { minAvailable: "50%", selector: { matchLabels: { app: "api" } } } }, { name: "pdb" })],
        flips: { "minAvailable 100%": (rs) => { rs[1].props.spec.minAvailable = "100%"; },
            "minAvailable equals the replicas": (rs) => { rs[1].props.spec.minAvailable = 4; } } },
    { policy: "kubernetes-object-no-default-namespace",
        baseline: () => [resource("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", { kind: "ValidatingWebhookConfiguration", metadata: { name: "hook" } }),
            resource("kubernetes:networking.k8s.io/v1:IngressClass", { kind: "IngressClass", metadata: { name: "alb" } }, { name: "ic" })],
        flips: { "a namespaced ConfigMap without namespace": (rs) => { rs.push(resource("kubernetes:core/v1:ConfigMap", { kind: "ConfigMap", metadata: { name: "c" } }, { name: "cm" })); } } },
    { policy: "aws-kms-key-rotation",
        baseline: () => [resource("aws:kms/key:Key", { keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "ECC_NIST_P256" }),
            resource("aws:kms/key:Key", { keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "RSA_2048" }, { name: "rsa" })],
        flips: { "a symmetric key without rotation": (rs) => { rs.push(resource("aws:kms/key:Key", {}, { name: "sym" })); } } },
    { policy: "gcp-kms-cryptokey-rotation",
        baseline: () => [resource("gcp:kms/cryptoKey:CryptoKey", { purpose: "ASYMMETRIC_SIGN", versionTemplate: { algorithm: "EC_SIGN_P256_SHA256" } })],
        flips: { "a symmetric key without rotation": (rs) => { rs[0].props.purpose = "ENCRYPT_DECRYPT"; } } },
    { policy: "gcp-container-workload-identity",
        baseline: () => [resource("gcp:container/cluster:Cluster", { workloadIdentityConfig: { workloadPool: "p.svc.id.goog" } }),
            resource("gcp:container/nodePool:NodePool", { nodeConfig: { serviceAccount: "n@p.iam.gserviceaccount.com" } }, { name: "pool" })],
        flips: { "the pool opts out with GCE_METADATA": (rs) => { rs[1].props.nodeConfig.workloadMetadataConfig = { mode: "GCE_METADATA" }; } } },
    { policy: "aws-cloudfront-distribution-viewer-tls",
        baseline: () => [resource("aws:cloudfront/distribution:Distribution", { aliases: ["app.example.com"], viewerCertificate: {
            acmCertificateArn: U, minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" } })],
        flips: { "a dedicated-IP certificate": (rs) => { rs[0].props.viewerCertificate.sslSupportMethod = "vip"; } } },
    // 7. missing check-list rules
    { policy: "aws-ec2-default-securitygroup-no-rules",
        baseline: () => { const vpc = resource("aws:ec2/vpc:Vpc", {}, { name: "vpc" }); const d = resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {}, { name: "d" });
            link(d, "vpcId", vpc, U); return [vpc, d]; },
        flips: { "the default SG is not adopted": (rs) => { rs.pop(); },
            "the default SG keeps an egress rule": (rs) => { rs[1].props.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]; } } },
    { policy: "aws-eks-nodegroup-private-subnets", baseline: nodeNetwork,
        flips: { "a node group in the public subnet": (rs) => { link(find(rs, "ng"), "subnetIds", find(rs, "public")); find(rs, "ng").props.subnetIds.push(U); },
            "a subnet that maps public IPs": (rs) => { find(rs, "private").props.mapPublicIpOnLaunch = true; },
            "a subnet from outside the stack": (rs) => { find(rs, "ng").props.subnetIds.push("subnet-0abc"); } } },
    { policy: "aws-rds-instance-force-ssl-joined",
        baseline: () => { const pg = resource("aws:rds/parameterGroup:ParameterGroup", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] }, { name: "pg" });
            const db = resource("aws:rds/instance:Instance", { engine: "postgres", engineVersion: "16" }, { name: "db" }); link(db, "parameterGroupName", pg, U); return [pg, db]; },
        flips: { "its group turns force_ssl off": (rs) => { rs[0].props.parameters[0].value = "0"; },
            "PostgreSQL 14 on the default group": (rs) => { rs.shift(); rs[0].propertyDependencies = {}; rs[0].props.engineVersion = "14.12"; } },
        passes: { "PostgreSQL 16 on the default group": (rs) => { rs.shift(); rs[0].propertyDependencies = {}; } } },
    { policy: "aws-s3-bucket-ownership-no-public-acl", baseline: () => bucketWith("BucketOwnerEnforced"),
        flips: { "ACLs enabled on a bucket nobody logs to": (rs) => { rs[1].props.rule.objectOwnership = "BucketOwnerPreferred"; },
            "no ownership controls": (rs) => { rs.pop(); },
            "a public-read legacy ACL": (rs) => { rs[0].props.acl = "public-read"; },
            "an ACL grant to AllUsers": (rs) => { const acl = resource("aws:s3/bucketAclV2:BucketAclV2", { accessControlPolicy: { grants: [{ permission: "READ",
                grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] } }, { name: "acl" }); link(acl, "bucket", rs[0], U); rs.push(acl); } },
        passes: { "BucketOwnerPreferred on the CloudFront log bucket": (rs) => { rs[1].props.rule.objectOwnership = "BucketOwnerPreferred";
            const cdn = resource("aws:cloudfront/distribution:Distribution", { loggingConfig: { bucket: U } }, { name: "cdn" }); link(cdn, "loggingConfig", rs[0]); rs.push(cdn); } } },
    { policy: "gcp-container-cluster-shielded-nodes-default-pool",
        baseline: () => [resource("gcp:container/cluster:Cluster", { removeDefaultNodePool: true, initialNodeCount: 1 })],
        flips: { "shielded nodes off": (rs) => { rs[0].props.enableShieldedNodes = false; },
            "the default pool kept with the default account": (rs) => { delete rs[0].props.removeDefaultNodePool; } },
        passes: { "the default pool kept with a dedicated account": (rs) => { delete rs[0].props.removeDefaultNodePool;
            rs[0].props.nodeConfig = { serviceAccount: "nodes@p.iam.gserviceaccount.com" }; } } },
    { policy: "gcp-compute-targethttpsproxy-ssl-policy",
        baseline: () => { const p = resource("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2", profile: "MODERN" }, { name: "tls" });
            const proxy = resource("gcp:compute/targetHttpsProxy:TargetHttpsProxy", {}, { name: "https" }); link(proxy, "sslPolicy", p, U); return [p, proxy]; },
        flips: { "no SSL policy": (rs) => { delete rs[1].props.sslPolicy; rs[1].propertyDependencies = {}; },
            "the joined policy allows TLS 1.0": (rs) => { delete rs[0].props.minTlsVersion; },
            "the joined policy is COMPATIBLE": (rs) => { rs[0].props.profile = "COMPATIBLE"; } } },
    { policy: "aws-backup-selection-covers-database",
        baseline: () => { const plan = resource("aws:backup/plan:Plan", { rules: [] }, { name: "plan" });
            const db = resource("aws:rds/instance:Instance", { engine: "postgres" }, { name: "db" });
            const sel = resource("aws:backup/selection:Selection", { resources: [U] }, { name: "sel" });
            link(sel, "planId", plan, U); link(sel, "resources", db); return [plan, db, sel]; },
        flips: { "the selection covers only a bucket": (rs) => { rs[2].propertyDependencies = { planId: [rs[0].urn] }; rs[2].props.resources = ["arn:aws:s3:::b"]; },
            "no selection": (rs) => { rs.pop(); } },
        passes: { "a selection of everything": (rs) => { rs[2].propertyDependencies = { planId: [rs[0].urn] }; rs[2].props.resources = ["*"]; } } },
];
