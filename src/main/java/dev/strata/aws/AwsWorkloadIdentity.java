package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The workload's cloud identity (IRSA): a role only the workload's ServiceAccount can assume, allowed to
 * read its own database credentials secret and to decrypt it through Secrets Manager, nothing else.
 */
public final class AwsWorkloadIdentity extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsWorkloadIdentity";

    record Args(AwsAccount account, Output<String> oidcProviderArn, Output<String> issuerHost, String namespace,
                String serviceAccount, Output<String> secretArn, Output<String> dataKeyArn) {
    }

    private final Role role;

    AwsWorkloadIdentity(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        this.role = new Role(name + "-role", RoleArgs.builder()
                .description("Workload identity of " + args.namespace() + "/" + args.serviceAccount())
                .assumeRolePolicy(Output.tuple(args.oidcProviderArn(), args.issuerHost()).applyValue(t ->
                        Policies.assumeRoleByServiceAccount(t.t1, t.t2, args.namespace(), args.serviceAccount())))
                .build(), child);
        new RolePolicy(name + "-read-credentials", RolePolicyArgs.builder()
                .role(role.id())
                .policy(Output.tuple(args.secretArn(), args.dataKeyArn()).applyValue(t -> Policies.json(
                        policy(args.account(), t.t1, t.t2))))
                .build(), child);
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    static Map<String, Object> policy(AwsAccount account, String secretArn, String keyArn) {
        return Policies.document(List.of(
                Policies.allow("ReadOwnDatabaseCredentials", List.of("secretsmanager:GetSecretValue",
                        "secretsmanager:DescribeSecret"), List.of(secretArn)),
                Policies.allow("DecryptThroughSecretsManager", List.of("kms:Decrypt"), List.of(keyArn),
                        Map.of("StringEquals", Map.of("kms:ViaService",
                                "secretsmanager." + account.region() + ".amazonaws.com")))));
    }

    public Output<String> roleArn() {
        return role.arn();
    }
}
