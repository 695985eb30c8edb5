package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.cloudscheduler.Job;
import com.pulumi.gcp.cloudscheduler.JobArgs;
import com.pulumi.gcp.cloudscheduler.inputs.JobHttpTargetArgs;
import com.pulumi.gcp.cloudscheduler.inputs.JobHttpTargetOauthTokenArgs;
import com.pulumi.gcp.projects.IAMCustomRole;
import com.pulumi.gcp.projects.IAMCustomRoleArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.inputs.BucketEncryptionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;
import com.pulumi.gcp.workflows.Workflow;
import com.pulumi.gcp.workflows.WorkflowArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.BackupConfig;
import dev.strata.platform.ResourceOpts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Backups beyond Cloud SQL's own (daily, with point-in-time recovery, configured on the instance): a
 * versioned, uniform-access, never-public bucket for database exports, encrypted with the data key of the
 * bucket's own location, whose exports (and old versions) expire after the retention. With
 * {@code crossRegion} (prod) the bucket lives in the copy region and a Cloud Scheduler job starts a
 * workflow every day at 04:00 UTC that exports the database to a new, time-stamped object
 * ({@code exports/<database>-<UTC time>.sql.gz}): the instance's own service account may only create
 * objects in the bucket, so a fixed name would fail from the second day on. Scheduler and workflow run as
 * one service account whose custom role allows exactly {@code cloudsql.instances.export} and
 * {@code workflows.executions.create}. A failed export raises an alert ({@link GcpObservability}).
 */
public final class GcpBackups extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpBackups";
    static final String SCHEDULE = "0 4 * * *";

    /** @param dataKey the data key of a location (the bucket's) */
    record Args(GcpProject project, BackupConfig backup, boolean prod, Function<String, Output<String>> dataKey,
                Output<String> instanceName, Output<String> instanceServiceAccount, String database) {
    }

    static final List<String> EXPORTER_PERMISSIONS = List.of("cloudsql.instances.export",
            "workflows.executions.create");

    private final Bucket bucket;
    private Output<String> exportWorkflow = null;

    GcpBackups(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();
        String location = location(p.region(), args.backup()).orElse(p.region());
        this.bucket = new Bucket(name + "-exports", BucketArgs.builder()
                .location(location.toUpperCase(java.util.Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                // Cloud Storage accepts only a key in the bucket's location (https://cloud.google.com/storage/docs/encryption/cmek)
                .encryption(BucketEncryptionArgs.builder().defaultKmsKeyName(args.dataKey().apply(location)).build())
                .forceDestroy(!args.prod())
                .lifecycleRules(
                        BucketLifecycleRuleArgs.builder()
                                .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                                .condition(BucketLifecycleRuleConditionArgs.builder()
                                        .daysSinceNoncurrentTime(args.backup().retentionDays()).build())
                                .build(),
                        // each day's export is a new object: it expires after the retention
                        BucketLifecycleRuleArgs.builder()
                                .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                                .condition(BucketLifecycleRuleConditionArgs.builder()
                                        .age(args.backup().retentionDays()).build())
                                .build(),
                        BucketLifecycleRuleArgs.builder()
                                .action(BucketLifecycleRuleActionArgs.builder().type("SetStorageClass")
                                        .storageClass("NEARLINE").build())
                                .condition(BucketLifecycleRuleConditionArgs.builder().age(30).build())
                                .build())
                .build(), ResourceOpts.stateful(this, args.prod()));
        new BucketIAMMember(name + "-instance-writes", BucketIAMMemberArgs.builder()
                .bucket(bucket.name())
                .role("roles/storage.objectCreator")
                .member(args.instanceServiceAccount().applyValue(e -> "serviceAccount:" + e))
                .build(), child);

        if (args.backup().crossRegion()) {
            var role = new IAMCustomRole(name + "-export-role", IAMCustomRoleArgs.builder()
                    .roleId(name.replaceAll("[^A-Za-z0-9]", "_") + "_sql_export")
                    .title("Export the stack's Cloud SQL database")
                    .permissions(EXPORTER_PERMISSIONS)
                    .build(), child);
            var exporter = new Account(name + "-exporter", AccountArgs.builder()
                    .accountId(GcpCluster.nodeAccountId(name).replace("-nodes", "-exp"))
                    .displayName("Scheduled database exports").build(), child);
            var grant = new IAMMember(name + "-exporter", IAMMemberArgs.builder()
                    .project(p.projectId()).role(role.name())
                    .member(exporter.email().applyValue(e -> "serviceAccount:" + e)).build(), child);
            var workflow = new Workflow(name + "-export", WorkflowArgs.builder()
                    .region(p.region())
                    .description("Daily export of the database to a time-stamped object")
                    .serviceAccount(exporter.id())
                    .sourceContents(Output.tuple(bucket.name(), args.instanceName()).applyValue(t ->
                            exportWorkflow(p.projectId(), t.t2, t.t1, args.database())))
                    .build(), com.pulumi.resources.CustomResourceOptions.builder().parent(this).dependsOn(grant)
                    .build());
            this.exportWorkflow = workflow.name();
            new Job(name + "-daily-export", JobArgs.builder()
                    .region(p.region())
                    .schedule(SCHEDULE).timeZone("Etc/UTC")
                    .attemptDeadline("320s")
                    .httpTarget(JobHttpTargetArgs.builder()
                            .httpMethod("POST")
                            .uri(workflow.id().applyValue(id -> "https://workflowexecutions.googleapis.com/v1/" + id
                                    + "/executions"))
                            .body(Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)))
                            .headers(Map.of("Content-Type", "application/json"))
                            .oauthToken(JobHttpTargetOauthTokenArgs.builder().serviceAccountEmail(exporter.email())
                                    .scope("https://www.googleapis.com/auth/cloud-platform").build())
                            .build())
                    .build(), child);
        }
        registerOutputs(Map.of("bucket", bucket.name()));
    }

    /** Where the export bucket lives when it is not in the stack's region: the copy region (prod). */
    static Optional<String> location(String region, BackupConfig backup) {
        return backup.crossRegion() && !backup.copyRegion().equals(region) ? Optional.of(backup.copyRegion())
                : Optional.empty();
    }

    /**
     * The workflow (JSON source): name the object by the execution's UTC time, then export through the Cloud
     * SQL Admin connector, which waits for the operation and fails the execution when the export fails
     * (https://cloud.google.com/workflows/docs/reference/googleapis/sqladmin/v1/instances/export).
     */
    static String exportWorkflow(String project, String instance, String bucket, String database) {
        String uri = "${\"gs://" + bucket + "/exports/" + database + "-\" + text.replace_all(time.format(sys.now()),"
                + " \":\", \"\") + \".sql.gz\"}";
        var steps = List.of(
                Map.of("name", Map.of("assign", List.of(Map.of("uri", uri)))),
                Map.of("export", Map.of("call", "googleapis.sqladmin.v1.instances.export", "args", Map.of(
                        "project", project, "instance", instance,
                        "body", Map.of("exportContext", Map.of("fileType", "SQL", "uri", "${uri}",
                                "databases", List.of(database), "offload", true))))),
                Map.of("done", Map.of("return", "${uri}")));
        return dev.strata.platform.Json.write(Map.of("main", Map.of("steps", steps)));
    }

    /** The export workflow's name, when there is a daily export. */
    Optional<Output<String>> exportWorkflow() {
        return Optional.ofNullable(exportWorkflow);
    }

    public Output<String> bucketName() {
        return bucket.name();
    }
}
