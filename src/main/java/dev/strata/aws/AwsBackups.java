package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionLifecycleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.backup.inputs.SelectionSelectionTagArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.BackupConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Backup for everything mutable the stack owns: a KMS-encrypted vault, a daily plan (05:00 UTC, after the
 * database's own backup window 02:00-03:00 and clear of its Sunday maintenance window 03:30-04:30)
 * keeping each recovery point {@code retentionDays}, and a selection covering the database, the stack's
 * buckets and every EBS volume tagged {@code backup=<stack>} (the persistent volumes' storage class tags
 * them). With {@code crossRegion} (required in prod) each recovery point is also copied to a vault in the
 * copy region, so backups survive the loss of the region. The vaults are protected and retained in prod.
 */
public final class AwsBackups extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsBackups";
    static final String SCHEDULE = "cron(0 5 * * ? *)";
    static final List<String> SERVICE_POLICIES = List.of("service-role/AWSBackupServiceRolePolicyForBackup",
            "service-role/AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Backup",
            "AWSBackupServiceRolePolicyForS3Restore");

    /**
     * @param copyProvider provider of the copy region, present when the backup config asks for a copy
     * @param resources    ARNs of the database and buckets to back up
     */
    record Args(AwsAccount account, String stack, BackupConfig backup, boolean prod, Output<String> dataKeyArn,
                List<Output<String>> resources, Optional<com.pulumi.aws.Provider> copyProvider) {
        Args {
            if (backup.crossRegion() != copyProvider.isPresent()) {
                throw new IllegalArgumentException("backup.crossRegion is " + backup.crossRegion()
                        + " but copyProvider is " + (copyProvider.isPresent() ? "set" : "missing"));
            }
        }
    }

    private final Vault vault;
    private final Plan plan;

    AwsBackups(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        this.vault = new Vault(name + "-vault", VaultArgs.builder()
                .kmsKeyArn(args.dataKeyArn())
                .forceDestroy(!args.prod())
                .build(), ResourceOpts.stateful(this, args.prod()));

        var rule = PlanRuleArgs.builder()
                .ruleName("daily")
                .targetVaultName(vault.name())
                .schedule(SCHEDULE)
                .startWindow(60)
                .completionWindow(360)
                .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(args.backup().retentionDays()).build())
                .recoveryPointTags(Map.of("stack", args.stack()));
        args.copyProvider().ifPresent(copyProvider -> {
            var copyVault = new Vault(name + "-copy-vault", VaultArgs.builder()
                    .forceDestroy(!args.prod())
                    .build(), CustomResourceOptions.builder().parent(this).provider(copyProvider)
                    .protect(args.prod()).retainOnDelete(args.prod()).build());
            rule.copyActions(PlanRuleCopyActionArgs.builder()
                    .destinationVaultArn(copyVault.arn())
                    .lifecycle(PlanRuleCopyActionLifecycleArgs.builder()
                            .deleteAfter(args.backup().retentionDays()).build())
                    .build());
        });
        this.plan = new Plan(name + "-plan", PlanArgs.builder().rules(rule.build()).build(), child);

        var role = new Role(name + "-backup", RoleArgs.builder()
                .description("AWS Backup for " + name)
                .assumeRolePolicy(Policies.assumeRoleByService("backup.amazonaws.com", args.account().accountId()))
                .build(), child);
        for (String policy : SERVICE_POLICIES) {
            new RolePolicyAttachment(name + "-backup-" + policy.substring(policy.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(Policies.managed(policy)).build(),
                    child);
        }
        new Selection(name + "-selection", SelectionArgs.builder()
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(Output.all(args.resources()))
                .selectionTags(SelectionSelectionTagArgs.builder()
                        .type("STRINGEQUALS").key("backup").value(args.stack()).build())
                .build(), child);
        registerOutputs(Map.of("vaultName", vault.name(), "planId", plan.id()));
    }

    public Output<String> vaultName() {
        return vault.name();
    }
}
