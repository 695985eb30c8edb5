import { Case, link, resource } from "./support";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EKS = "aws:eks/cluster:Cluster";
const RDS = "aws:rds/instance:Instance";
const CF = "aws:cloudfront/distribution:Distribution";

const eks = () => [resource(EKS, {
    name: "c", version: "1.30",
    vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, publicAccessCidrs: [], subnetIds: ["s1"] },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:1:key/k" } },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    accessConfig: { authenticationMode: "API" },
})];

const rds = () => [resource(RDS, {
    engine: "postgres", publiclyAccessible: false, storageEncrypted: true, kmsKeyId: "arn:k",
    backupRetentionPeriod: 14, deletionProtection: true, skipFinalSnapshot: false, finalSnapshotIdentifier: "f-1",
    multiAz: true, enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
})];

const cf = () => [resource(CF, {
    aliases: ["app.example.com"],
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
    origins: [{ originId: "alb", domainName: "internal-x.elb.amazonaws.com", vpcOriginConfig: { vpcOriginId: "vo-1" } }],
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x", minimumProtocolVersion: "TLSv1.2_2021",
        sslSupportMethod: "sni-only" },
    loggingConfig: { bucket: "logs.s3.amazonaws.com" },
    webAclId: "arn:aws:wafv2:us-east-1:1:global/webacl/x",
})];

const bucket = () => {
    const b = resource("aws:s3/bucketV2:BucketV2", {}, { name: "b" });
    const sub = (type: string, props: Record<string, any>, name: string) => {
        const r = resource(type, props, { name });
        link(r, "bucket", b, "[unknown]");
        return r;
    };
    return [b,
        sub("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { blockPublicAcls: true, blockPublicPolicy: true,
            ignorePublicAcls: true, restrictPublicBuckets: true }, "pab"),
        sub("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", {
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } }] }, "sse"),
        sub("aws:s3/bucketVersioningV2:BucketVersioningV2", { versioningConfiguration: { status: "Enabled" } }, "ver"),
        sub("aws:s3/bucketPolicy:BucketPolicy", { policy: JSON.stringify({ Statement: [{ Effect: "Deny",
            Action: ["s3:*"], Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) }, "pol"),
    ];
};

const role = (trust: any) => [resource("aws:iam/role:Role", { assumeRolePolicy: JSON.stringify({ Statement: [trust] }) })];
const github = {
    Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" },
    Action: ["sts:AssumeRoleWithWebIdentity"],
    Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/strata:environment:dev",
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
};

export const awsCases: Case[] = [
    { policy: "aws-ec2-vpc-flow-logs",
        baseline: () => {
            const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, { name: "v" });
            const log = resource("aws:ec2/flowLog:FlowLog", { trafficType: "ALL", logDestination: "[unknown]" }, { name: "f" });
            link(log, "vpcId", vpc, "[unknown]");
            return [vpc, log];
        },
        flips: { "the flow log is removed": (rs) => rs.pop(), "it logs only ACCEPT": (rs) => { rs[1].props.trafficType = "ACCEPT"; },
            "it watches another VPC": (rs) => { rs[1].propertyDependencies = {}; rs[1].props.vpcId = "vpc-2"; } } },
    { policy: "aws-ec2-subnet-no-public-ip",
        baseline: () => [resource("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: false })],
        flips: { "mapPublicIpOnLaunch is true": (rs) => { rs[0].props.mapPublicIpOnLaunch = true; } } },
    { policy: "aws-ec2-securitygroup-no-open-ingress",
        baseline: () => [resource(RULE, { prefixListId: "pl-1", fromPort: 80, toPort: 80, ipProtocol: "tcp" }),
            resource(SG, { description: "x", ingress: [{ fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] }, { name: "sg" })],
        flips: { "a rule admits 0.0.0.0/0": (rs) => { rs[0].props.cidrIpv4 = "0.0.0.0/0"; },
            "a rule admits ::/0": (rs) => { rs[0].props.cidrIpv6 = "::/0"; },
            "an inline ingress admits 0.0.0.0/0": (rs) => { rs[1].props.ingress[0].cidrBlocks = ["0.0.0.0/0"]; },
            "a legacy rule admits 0.0.0.0/0": (rs) => { rs.push(resource("aws:ec2/securityGroupRule:SecurityGroupRule",
                { type: "ingress", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }, { name: "legacy" })); } } },
    { policy: "aws-ec2-securitygroup-description",
        baseline: () => [resource(SG, { description: "ALB from CloudFront" })],
        flips: { "the description is empty": (rs) => { rs[0].props.description = " "; }, "it is missing": (rs) => { delete rs[0].props.description; } } },
    { policy: "aws-ec2-launchtemplate-imdsv2",
        baseline: () => [resource("aws:ec2/launchTemplate:LaunchTemplate", { metadataOptions: { httpTokens: "required",
            httpPutResponseHopLimit: 1 } })],
        flips: { "IMDSv1 is allowed": (rs) => { rs[0].props.metadataOptions.httpTokens = "optional"; },
            "metadataOptions are missing": (rs) => { delete rs[0].props.metadataOptions; },
            "pods can reach IMDS (hop limit 2)": (rs) => { rs[0].props.metadataOptions.httpPutResponseHopLimit = 2; } } },
    { policy: "aws-eks-cluster-endpoint-restricted", baseline: eks,
        flips: { "the private endpoint is off": (rs) => { rs[0].props.vpcConfig.endpointPrivateAccess = false; },
            "the public endpoint is open to all": (rs) => { rs[0].props.vpcConfig.endpointPublicAccess = true; },
            "publicAccess is left to the default": (rs) => { delete rs[0].props.vpcConfig.endpointPublicAccess; },
            "public CIDRs include 0.0.0.0/0": (rs) => { rs[0].props.vpcConfig.endpointPublicAccess = true;
                rs[0].props.vpcConfig.publicAccessCidrs = ["203.0.113.0/24", "0.0.0.0/0"]; } } },
    { policy: "aws-eks-cluster-secrets-encryption", baseline: eks,
        flips: { "encryption is removed": (rs) => { delete rs[0].props.encryptionConfig; },
            "the key is missing": (rs) => { delete rs[0].props.encryptionConfig.provider; } } },
    { policy: "aws-eks-cluster-control-plane-logging", baseline: eks,
        flips: { "audit logs are off": (rs) => { rs[0].props.enabledClusterLogTypes = ["api", "authenticator"]; },
            "no logs": (rs) => { delete rs[0].props.enabledClusterLogTypes; } } },
    { policy: "aws-eks-cluster-access-entries", baseline: eks,
        flips: { "aws-auth ConfigMap is used": (rs) => { rs[0].props.accessConfig.authenticationMode = "CONFIG_MAP"; } } },
    { policy: "aws-eks-nodegroup-no-remote-access",
        baseline: () => [resource("aws:eks/nodeGroup:NodeGroup", { subnetIds: ["s1"] })],
        flips: { "SSH is configured": (rs) => { rs[0].props.remoteAccess = { ec2SshKey: "k" }; } } },
    { policy: "aws-rds-instance-no-public-access", baseline: rds,
        flips: { "publiclyAccessible is true": (rs) => { rs[0].props.publiclyAccessible = true; } } },
    { policy: "aws-rds-instance-storage-encrypted", baseline: rds,
        flips: { "storage is unencrypted": (rs) => { rs[0].props.storageEncrypted = false; },
            "no customer key": (rs) => { delete rs[0].props.kmsKeyId; } } },
    { policy: "aws-rds-instance-backup-retention", baseline: rds, stack: "prod",
        flips: { "retention is 3 days in prod": (rs) => { rs[0].props.backupRetentionPeriod = 3; },
            "backups are off": (rs) => { rs[0].props.backupRetentionPeriod = 0; } } },
    { policy: "aws-rds-instance-deletion-protection", baseline: rds, stack: "prod",
        flips: { "deletion protection is off": (rs) => { rs[0].props.deletionProtection = false; },
            "the final snapshot is skipped": (rs) => { rs[0].props.skipFinalSnapshot = true; } } },
    { policy: "aws-rds-instance-multi-az", baseline: rds, stack: "prod",
        flips: { "single-AZ in prod": (rs) => { rs[0].props.multiAz = false; } } },
    { policy: "aws-rds-instance-log-exports", baseline: rds,
        flips: { "postgresql logs are not exported": (rs) => { rs[0].props.enabledCloudwatchLogsExports = ["upgrade"]; } } },
    { policy: "aws-rds-parametergroup-force-ssl",
        baseline: () => [resource("aws:rds/parameterGroup:ParameterGroup", { family: "postgres16",
            parameters: [{ name: "rds.force_ssl", value: "1" }] })],
        flips: { "force_ssl is 0": (rs) => { rs[0].props.parameters[0].value = "0"; },
            "force_ssl is missing": (rs) => { rs[0].props.parameters = []; } } },
    { policy: "aws-s3-bucket-public-access-block", baseline: bucket,
        flips: { "the block is missing": (rs) => { rs.splice(1, 1); },
            "public policies are allowed": (rs) => { rs[1].props.blockPublicPolicy = false; } } },
    { policy: "aws-s3-bucket-encryption", baseline: bucket,
        flips: { "no encryption config": (rs) => { rs.splice(2, 1); },
            "it belongs to another bucket": (rs) => { rs[2].props.bucket = "other"; rs[2].propertyDependencies = {}; } } },
    { policy: "aws-s3-bucket-versioning", baseline: bucket,
        flips: { "versioning is suspended": (rs) => { rs[3].props.versioningConfiguration.status = "Suspended"; } } },
    { policy: "aws-s3-bucket-tls-only", baseline: bucket,
        flips: { "no TLS-only policy": (rs) => { rs.splice(4, 1); } } },
    { policy: "aws-cloudfront-distribution-https-only", baseline: cf,
        flips: { "the default allows HTTP": (rs) => { rs[0].props.defaultCacheBehavior.viewerProtocolPolicy = "allow-all"; },
            "the api behavior allows HTTP": (rs) => { rs[0].props.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"; } } },
    { policy: "aws-cloudfront-distribution-origin-tls", baseline: cf,
        flips: { "a custom origin is HTTP": (rs) => { rs[0].props.origins = [{ originId: "o",
            customOriginConfig: { originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] } }]; },
            "a custom origin allows TLSv1": (rs) => { rs[0].props.origins = [{ originId: "o",
                customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] } }]; } } },
    { policy: "aws-cloudfront-distribution-viewer-tls", baseline: cf,
        flips: { "the domain uses TLSv1": (rs) => { rs[0].props.viewerCertificate.minimumProtocolVersion = "TLSv1"; },
            "the domain has the default certificate": (rs) => { rs[0].props.viewerCertificate = { cloudfrontDefaultCertificate: true }; } } },
    { policy: "aws-cloudfront-distribution-access-logging", baseline: cf,
        flips: { "logging is off": (rs) => { delete rs[0].props.loggingConfig; } } },
    { policy: "aws-cloudfront-distribution-waf", baseline: cf,
        flips: { "the WAF is removed": (rs) => { delete rs[0].props.webAclId; } } },
    { policy: "aws-cloudfront-vpcorigin-https",
        baseline: () => [resource("aws:cloudfront/vpcOrigin:VpcOrigin", { vpcOriginEndpointConfig: { originProtocolPolicy: "https-only" } })],
        flips: { "the VPC origin is HTTP": (rs) => { rs[0].props.vpcOriginEndpointConfig.originProtocolPolicy = "http-only"; } } },
    { policy: "aws-lb-loadbalancer-internal",
        baseline: () => [resource("aws:lb/loadBalancer:LoadBalancer", { internal: true, loadBalancerType: "application",
            dropInvalidHeaderFields: true })],
        flips: { "it is internet-facing": (rs) => { rs[0].props.internal = false; } } },
    { policy: "aws-lb-loadbalancer-drop-invalid-headers",
        baseline: () => [resource("aws:lb/loadBalancer:LoadBalancer", { internal: true, dropInvalidHeaderFields: true })],
        flips: { "invalid headers pass": (rs) => { rs[0].props.dropInvalidHeaderFields = false; } } },
    { policy: "aws-kms-key-rotation",
        baseline: () => [resource("aws:kms/key:Key", { enableKeyRotation: true })],
        flips: { "rotation is off": (rs) => { rs[0].props.enableKeyRotation = false; },
            "the lockout check is bypassed": (rs) => { rs[0].props.bypassPolicyLockoutSafetyCheck = true; } } },
    { policy: "aws-cloudwatch-loggroup-retention", stack: "prod",
        baseline: () => [resource("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 90, kmsKeyId: "arn:k" })],
        flips: { "logs are kept forever": (rs) => { delete rs[0].props.retentionInDays; },
            "prod keeps 7 days": (rs) => { rs[0].props.retentionInDays = 7; }, "no key": (rs) => { delete rs[0].props.kmsKeyId; } } },
    { policy: "aws-iam-policy-no-wildcard-actions",
        baseline: () => [resource("aws:iam/rolePolicy:RolePolicy", { policy: JSON.stringify({ Statement: [
            { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }] }) })],
        flips: { "an action is *": (rs) => { rs[0].props.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }); },
            "an action is *:*": (rs) => { rs[0].props.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["*:*"], Resource: ["x"] }] }); },
            "Allow with NotAction": (rs) => { rs[0].props.policy = JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }] }); } } },
    { policy: "aws-iam-role-no-wildcard-principal",
        baseline: () => role({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
        flips: { "the principal is *": (rs) => { rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*" }] }); },
            "the AWS principal is *": (rs) => { rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" } }] }); } } },
    { policy: "aws-iam-role-github-oidc-pinned", baseline: () => role(github),
        passes: { "the subject is a branch": (rs) => { const t = JSON.parse(JSON.stringify(github));
            t.Condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:acme/strata:ref:refs/heads/main";
            rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); } },
        flips: { "any environment": (rs) => { const t = JSON.parse(JSON.stringify(github));
            t.Condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:acme/strata:environment:*";
            rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); },
            "the provider's ARN is unknown (a preview that creates it) and any environment may": (rs) => {
            const t = JSON.parse(JSON.stringify(github)); t.Principal.Federated = "[unknown]";
            t.Condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:acme/*";
            rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); },
            "the audience is not pinned": (rs) => { const t = JSON.parse(JSON.stringify(github));
            delete t.Condition.StringEquals["token.actions.githubusercontent.com:aud"];
            rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); }, "any branch may deploy": (rs) => { const t = JSON.parse(JSON.stringify(github));
            t.Condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:acme/strata:*";
            rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); },
            "no subject condition": (rs) => { const t = JSON.parse(JSON.stringify(github)); delete t.Condition.StringEquals["token.actions.githubusercontent.com:sub"];
                rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); },
            "StringLike with a wildcard": (rs) => { const t = JSON.parse(JSON.stringify(github));
                t.Condition.StringLike = { "token.actions.githubusercontent.com:sub": "repo:*" };
                rs[0].props.assumeRolePolicy = JSON.stringify({ Statement: [t] }); } } },
    { policy: "aws-iam-no-admin-attachment",
        baseline: () => [resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" })],
        flips: { "AdministratorAccess is attached": (rs) => { rs[0].props.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess"; } } },
    { policy: "aws-backup-plan-retention", stack: "prod",
        baseline: () => [resource("aws:backup/plan:Plan", { rules: [{ ruleName: "daily", lifecycle: { deleteAfter: 35 },
            copyActions: [{ destinationVaultArn: "arn:v" }] }] })],
        flips: { "3 days of retention": (rs) => { rs[0].props.rules[0].lifecycle.deleteAfter = 3; },
            "no cross-region copy in prod": (rs) => { rs[0].props.rules[0].copyActions = []; } } },
    { policy: "aws-backup-vault-encrypted",
        baseline: () => [resource("aws:backup/vault:Vault", { kmsKeyArn: "arn:k" })],
        flips: { "no customer key": (rs) => { delete rs[0].props.kmsKeyArn; } } },
    { policy: "aws-ecr-repository-immutable-scanned",
        baseline: () => [resource("aws:ecr/repository:Repository", { imageTagMutability: "IMMUTABLE",
            imageScanningConfiguration: { scanOnPush: true } })],
        flips: { "tags are mutable": (rs) => { rs[0].props.imageTagMutability = "MUTABLE"; },
            "no scan on push": (rs) => { rs[0].props.imageScanningConfiguration.scanOnPush = false; } } },
    { policy: "aws-sns-topic-encrypted",
        baseline: () => [resource("aws:sns/topic:Topic", { kmsMasterKeyId: "arn:k" })],
        flips: { "no key": (rs) => { delete rs[0].props.kmsMasterKeyId; } } },
];
