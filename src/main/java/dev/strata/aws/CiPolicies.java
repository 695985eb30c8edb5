package dev.strata.aws;

import dev.strata.platform.StateBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The permissions of the two GitHub Actions identities of a stack, as IAM documents.
 *
 * <p><b>Deploy</b> ({@code pulumi up}, environment {@code <stack>}): manages every resource of the stack. The choice:
 * full access to the AWS services the stack's resources belong to ({@link #SERVICES}, a test fails when the plan gains
 * a module that is not listed), S3 and IAM only under the stack's name prefix, plus the state backend. Not
 * PowerUserAccess (every service, which the policy pack's {@code aws-iam-no-admin-attachment} refuses) nor
 * AdministratorAccess with a permissions boundary (every role of the stack would have to carry the boundary). IAM
 * writes are limited to {@code role/<prefix>-*}: the CI roles themselves live under the path {@link #PATH}, outside
 * that prefix, so a deploy can neither widen its own policy nor its trust (changing them is an administrator's
 * {@code pulumi up}), and attaching AWS's broad managed policies is denied. What remains: a role under the prefix may
 * be given any inline policy and passed to EC2 or EKS, so the deploy identity can reach what that role reaches; and
 * the service statements are account-wide, so dev and prod belong in separate accounts (docs/delivery.md).
 *
 * <p><b>Preview</b> ({@code pulumi preview}, environment {@code preview-<stack>}): a preview without {@code --refresh}
 * reads nothing of the stack's resources in the cloud, only its state and the program's lookups. So no
 * ReadOnlyAccess (it reads every object of every bucket in the account, for a credential the pull request of any
 * branch of the repository obtains): the lookups, the state bucket read-only and decrypt on the secrets key.
 */
final class CiPolicies {
    private CiPolicies() {
    }

    /**
     * Session lengths: aws-actions/configure-aws-credentials exports keys that are never refreshed, so a deploy's
     * session must outlast its job (deploy-stack.yml: timeout 120 minutes, role-duration-seconds 7200); a preview
     * job has 60 minutes.
     */
    static final int DEPLOY_SESSION_SECONDS = 7200;
    static final int PREVIEW_SESSION_SECONDS = 3600;

    /** Path of the CI roles: outside {@code role/<prefix>-*}, which the deploy identity may change. */
    static final String PATH = "/strata-ci/";

    /**
     * IAM service prefix per Pulumi AWS module of the stack's resources (the module is the part of the type token
     * before the slash; {@code vpc} resources are EC2 security-group rules, {@code amp} is Managed Prometheus, whose
     * IAM prefix is {@code aps}; AWS Backup vaults also need {@code backup-storage}, CloudWatch log groups are
     * {@code logs}). s3 and iam are not here: they are scoped below.
     */
    static final Map<String, List<String>> SERVICES = Map.ofEntries(
            Map.entry("acm", List.of("acm")),
            Map.entry("amp", List.of("aps")),
            Map.entry("backup", List.of("backup", "backup-storage")),
            Map.entry("cloudfront", List.of("cloudfront")),
            Map.entry("cloudwatch", List.of("cloudwatch", "logs")),
            Map.entry("ec2", List.of("ec2")),
            Map.entry("ecr", List.of("ecr")),
            Map.entry("eks", List.of("eks")),
            Map.entry("kms", List.of("kms")),
            Map.entry("lb", List.of("elasticloadbalancing")),
            Map.entry("rds", List.of("rds")),
            Map.entry("route53", List.of("route53")),
            Map.entry("secretsmanager", List.of("secretsmanager")),
            Map.entry("sns", List.of("sns")),
            Map.entry("vpc", List.of("ec2")),
            Map.entry("wafv2", List.of("wafv2")));
    /** Modules with a scoped statement of their own. */
    static final List<String> SCOPED_MODULES = List.of("iam", "s3");

    /**
     * The IAM actions of the program's lookups (invokes), which a preview makes too. getCallerIdentity needs no
     * permission; the GitHub provider lookup lists the account's OIDC providers and reads the matching one.
     */
    static final List<String> LOOKUPS = List.of("ec2:DescribeAvailabilityZones", "ec2:DescribeManagedPrefixLists",
            "eks:DescribeAddonVersions", "iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviders");

    /** AWS managed policies a deploy may never attach (the policy pack's aws-iam-no-admin-attachment). */
    static final List<String> BROAD_MANAGED = List.of("AdministratorAccess", "PowerUserAccess", "IAMFullAccess");

    /** What the stack needs to know to scope the documents. */
    record Scope(AwsAccount account, String stack, String prefix, String clusterName) {
        String iam(String resource) {
            return "arn:aws:iam::" + account.accountId() + ":" + resource;
        }

        String stateBucket() {
            return "arn:aws:s3:::" + StateBackend.awsBucket(stack, account.accountId());
        }
    }

    static Map<String, Object> deploy(Scope s) {
        var services = new TreeSet<String>();
        SERVICES.values().forEach(services::addAll);
        var statements = new ArrayList<Map<String, Object>>();
        // resource-level scoping differs per action in these services (ids, not names): account-wide
        statements.add(Policies.allow("ManageStackServices", services.stream().map(x -> x + ":*").toList(),
                List.of("*")));
        // the stack's buckets are auto-named from its logical names, which start with the prefix
        statements.add(Policies.allow("ManageStackBuckets", List.of("s3:*"), List.of(
                "arn:aws:s3:::" + s.prefix() + "-*", "arn:aws:s3:::" + s.prefix() + "-*/*")));
        statements.add(Policies.allow("ManageStackRoles", List.of("iam:AttachRolePolicy", "iam:CreateRole",
                "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:GetRole", "iam:GetRolePolicy",
                "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRolePolicies",
                "iam:ListRoleTags", "iam:PassRole", "iam:PutRolePolicy", "iam:TagRole", "iam:UntagRole",
                "iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription"),
                List.of(s.iam("role/" + s.prefix() + "-*"))));
        // the cluster's IRSA provider; its id is EKS's, so only the issuer's region is known
        statements.add(Policies.allow("ManageClusterOidcProvider", List.of("iam:CreateOpenIDConnectProvider",
                "iam:DeleteOpenIDConnectProvider", "iam:GetOpenIDConnectProvider", "iam:TagOpenIDConnectProvider",
                "iam:UntagOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
                "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider"),
                List.of(s.iam("oidc-provider/oidc.eks." + s.account().region() + ".amazonaws.com/id/*"))));
        // EKS, node groups, RDS, ELB, AWS Backup, Managed Prometheus create their service-linked roles on first use
        statements.add(Policies.allow("CreateServiceLinkedRoles", List.of("iam:CreateServiceLinkedRole"),
                List.of(s.iam("role/aws-service-role/*"))));
        statements.add(Policies.allow("Lookups", List.of("iam:GetOpenIDConnectProvider",
                "iam:ListOpenIDConnectProviders"), List.of("*")));
        // the provider's default tags reach the CI identities too; tags grant nothing here (no policy tests them).
        // Reading the CI roles (a refresh, a tag change's diff) is allowed; changing their policies is not.
        statements.add(Policies.allow("TagCiIdentities", List.of("iam:TagRole", "iam:UntagRole", "iam:ListRoleTags",
                "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider"), List.of(
                s.iam("role" + PATH + s.prefix() + "-*"),
                s.iam("oidc-provider/" + Policies.GITHUB_ISSUER_HOST))));
        statements.addAll(state(s, List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey")));
        statements.add(denyBroadAttachments());
        statements.addAll(protectState(s));
        return Policies.document(statements);
    }

    static Map<String, Object> preview(Scope s) {
        var statements = new ArrayList<Map<String, Object>>();
        // Describe* and List* of these actions have no resource-level permission
        statements.add(Policies.allow("Lookups", LOOKUPS, List.of("*")));
        // the Kubernetes provider's kubeconfig (aws eks get-token needs no IAM permission of its own)
        statements.add(Policies.allow("DescribeThisCluster", List.of("eks:DescribeCluster"),
                List.of(s.account().arn("eks", "cluster/" + s.clusterName()))));
        statements.addAll(state(s, List.of("s3:GetObject"), List.of("kms:Decrypt", "kms:DescribeKey")));
        return Policies.document(statements);
    }

    /**
     * The stack's state bucket (made by scripts/bootstrap, SSE-KMS with the secrets key) and that key, which
     * scripts/bootstrap names by alias only: {@code kms:ResourceAliases} matches the key through its alias for every
     * operation, Decrypt included, where the request names no alias (AWS KMS, "Use aliases to control access").
     */
    private static List<Map<String, Object>> state(Scope s, List<String> objectActions, List<String> keyActions) {
        return List.of(
                Policies.allow("StateBucket", List.of("s3:ListBucket"), List.of(s.stateBucket())),
                Policies.allow("StateObjects", objectActions, List.of(s.stateBucket() + "/*")),
                Policies.allow("StateKey", keyActions,
                        List.of("arn:aws:kms:" + s.account().region() + ":" + s.account().accountId() + ":key/*"),
                        Map.of("ForAnyValue:StringEquals",
                                Map.of("kms:ResourceAliases", StateBackend.awsKeyAlias(s.stack())))));
    }

    /**
     * The service statements reach the state backend too (s3 under the prefix, kms:*); a deploy must not be able to
     * destroy the state's history or lock everyone out of it: no deleting the bucket or object versions, no
     * changing its versioning, policy, ACLs, lifecycle, encryption, replication or object lock; no disabling, deleting,
     * re-policing or replicating the key, nor granting it to someone else or revoking its grants.
     */
    private static List<Map<String, Object>> protectState(Scope s) {
        return List.of(
                Policies.deny("ProtectStateBucket", List.of("s3:DeleteBucket", "s3:DeleteBucketPolicy",
                        "s3:PutBucketPolicy",
                        "s3:DeleteObjectVersion", "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration",
                        "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock",
                        "s3:PutBucketOwnershipControls", "s3:PutBucketAcl", "s3:PutObjectAcl",
                        "s3:PutReplicationConfiguration", "s3:PutBucketObjectLockConfiguration"),
                        List.of(s.stateBucket(), s.stateBucket() + "/*"), Map.of()),
                Policies.deny("ProtectStateKey", List.of("kms:ScheduleKeyDeletion", "kms:DisableKey",
                        "kms:PutKeyPolicy",
                        "kms:DisableKeyRotation", "kms:DeleteAlias", "kms:UpdateAlias", "kms:CreateGrant",
                        "kms:RevokeGrant", "kms:RetireGrant", "kms:ReplicateKey"),
                        // DeleteAlias and UpdateAlias are authorised on the key too, where the condition applies
                        List.of("arn:aws:kms:" + s.account().region() + ":" + s.account().accountId() + ":key/*"),
                        Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases",
                                StateBackend.awsKeyAlias(s.stack())))));
    }

    private static Map<String, Object> denyBroadAttachments() {
        return Policies.deny("NoBroadManagedPolicies", List.of("iam:AttachRolePolicy"), List.of("*"), Map.of(
                "ArnLike",
                Map.of("iam:PolicyARN", BROAD_MANAGED.stream().map(Policies::managed).toList())));
    }

}
