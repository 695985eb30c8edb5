package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customer-managed KMS keys, one per purpose so that a grant on one never opens another:
 * {@code observability} (CloudWatch Logs, the alert topic), {@code cluster} (Kubernetes secrets
 * envelope encryption) and {@code data} (database, snapshots, secrets, registry, node volumes,
 * backups). Rotation yearly, 30-day deletion window; protected and retained in prod. Key policies
 * give the account root the usual administrative access (IAM policies then decide) plus exactly the
 * service principals each purpose needs.
 */
public final class AwsKeys extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsKeys";

    /** @param prod protect and retain the keys */
    record Args(AwsAccount account, boolean prod) {
    }

    private final Key observability;
    private final Key cluster;
    private final Key data;

    AwsKeys(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var account = args.account();
        this.observability = key(name, "observability", "CloudWatch Logs and alert notifications",
                observabilityPolicy(account), args.prod());
        this.cluster = key(name, "cluster", "Kubernetes secrets envelope encryption",
                Policies.document(List.of(rootStatement(account))), args.prod());
        this.data = key(name, "data", "Database, secrets, registry, node volumes and backups",
                dataPolicy(account), args.prod());
        registerOutputs(Map.of("observabilityKeyArn", observability.arn(), "clusterKeyArn", cluster.arn(),
                "dataKeyArn", data.arn()));
    }

    private Key key(String name, String role, String description, Map<String, Object> policy, boolean prod) {
        return new Key(name + "-" + role, KeyArgs.builder()
                .description(description)
                .enableKeyRotation(true)
                .rotationPeriodInDays(365)
                .deletionWindowInDays(30)
                .policy(Policies.json(policy))
                .build(), ResourceOpts.stateful(this, prod));
    }

    static Map<String, Object> rootStatement(AwsAccount account) {
        return Map.of("Sid", "AccountAdministers", "Effect", "Allow", "Principal", Map.of("AWS", account.root()),
                "Action", List.of("kms:*"), "Resource", List.of("*"));
    }

    static Map<String, Object> observabilityPolicy(AwsAccount account) {
        var statements = new ArrayList<Map<String, Object>>();
        statements.add(rootStatement(account));
        statements.add(Map.of("Sid", "CloudWatchLogsOfThisAccount", "Effect", "Allow",
                "Principal", Map.of("Service", "logs." + account.region() + ".amazonaws.com"),
                "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"),
                "Resource", List.of("*"),
                "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        account.arn("logs", "log-group:*")))));
        statements.add(Map.of("Sid", "CloudWatchAlarmsPublishToTheTopic", "Effect", "Allow",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Resource", List.of("*"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", account.accountId()))));
        return Policies.document(statements);
    }

    /**
     * The data key also encrypts node root volumes, which EC2 Auto Scaling creates as its service-linked role
     * AWSServiceRoleForAutoScaling (AWS docs "Required AWS KMS key policy for use with encrypted volumes"). That role
     * may not exist yet on a fresh account (EKS creates it with the first node group), and KMS rejects a policy
     * naming a principal ARN that does not exist (MalformedPolicyDocumentException). So the statements name no
     * role: any principal, narrowed by conditions KMS evaluates at request time to callers of this account whose
     * ARN is that role's. Works on a fresh account and on one where the role exists.
     */
    static Map<String, Object> dataPolicy(AwsAccount account) {
        String autoscaling = autoScalingServiceLinkedRole(account);
        Map<String, Object> onlyAutoScaling = Map.of("StringEquals", Map.of("kms:CallerAccount", account.accountId()),
                "ArnEquals", Map.of("aws:PrincipalArn", autoscaling));
        return Policies.document(List.of(rootStatement(account),
                Map.of("Sid", "AutoScalingLaunchesEncryptedNodeVolumes", "Effect", "Allow",
                        "Principal", Map.of("AWS", "*"),
                        "Action", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:DescribeKey"),
                        "Resource", List.of("*"),
                        "Condition", onlyAutoScaling),
                Map.of("Sid", "AutoScalingAttachesVolumes", "Effect", "Allow",
                        "Principal", Map.of("AWS", "*"),
                        "Action", List.of("kms:CreateGrant"),
                        "Resource", List.of("*"),
                        "Condition", Map.of("StringEquals", Map.of("kms:CallerAccount", account.accountId()),
                                "ArnEquals", Map.of("aws:PrincipalArn", autoscaling),
                                "Bool", Map.of("kms:GrantIsForAWSResource", true)))));
    }

    static String autoScalingServiceLinkedRole(AwsAccount account) {
        return "arn:aws:iam::" + account.accountId()
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
    }

    public Output<String> observabilityKeyArn() {
        return observability.arn();
    }

    public Output<String> clusterKeyArn() {
        return cluster.arn();
    }

    public Output<String> dataKeyArn() {
        return data.arn();
    }
}
