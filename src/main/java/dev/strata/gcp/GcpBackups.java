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
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.BackupConfig;
import dev.strata.platform.ResourceOpts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Backups beyond Cloud SQL's own (daily, with point-in-time recovery, configured on the instance): a
 * versioned, uniform-access, CMEK-encrypted, never-public bucket for database exports whose old versions
 * expire after the retention. With {@code crossRegion} (prod) the bucket lives in the copy region and a
 * Cloud Scheduler job exports the database to it every day at 04:00 UTC, through a service account whose
 * custom role allows exactly {@code cloudsql.instances.export}; the instance's own service account may
 * only create objects in the bucket.
 */
public final class GcpBackups extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpBackups";
    static final String SCHEDULE = "0 4 * * *";

    record Args(GcpProject project, BackupConfig backup, boolean prod, Output<String> dataKey,
                Output<String> instanceName, Output<String> instanceServiceAccount, String database) {
    }

    private final Bucket bucket;

    GcpBackups(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();
        String location = args.backup().crossRegion() ? args.backup().copyRegion() : p.region();
        this.bucket = new Bucket(name + "-exports", BucketArgs.builder()
                .location(location.toUpperCase(java.util.Locale.ROOT))
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                .encryption(BucketEncryptionArgs.builder().defaultKmsKeyName(args.dataKey()).build())
                .forceDestroy(!args.prod())
                .lifecycleRules(
                        BucketLifecycleRuleArgs.builder()
                                .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                                .condition(BucketLifecycleRuleConditionArgs.builder()
                                        .daysSinceNoncurrentTime(args.backup().retentionDays()).build())
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
                    .permissions(List.of("cloudsql.instances.export"))
                    .build(), child);
            var exporter = new Account(name + "-exporter", AccountArgs.builder()
                    .accountId(GcpCluster.nodeAccountId(name).replace("-nodes", "-exp"))
                    .displayName("Scheduled database exports").build(), child);
            new IAMMember(name + "-exporter", IAMMemberArgs.builder()
                    .project(p.projectId()).role(role.name())
                    .member(exporter.email().applyValue(e -> "serviceAccount:" + e)).build(), child);
            new Job(name + "-daily-export", JobArgs.builder()
                    .region(p.region())
                    .schedule(SCHEDULE).timeZone("Etc/UTC")
                    .attemptDeadline("320s")
                    .httpTarget(JobHttpTargetArgs.builder()
                            .httpMethod("POST")
                            .uri(args.instanceName().applyValue(i -> "https://sqladmin.googleapis.com/v1/projects/"
                                    + p.projectId() + "/instances/" + i + "/export"))
                            .body(bucket.name().applyValue(b -> exportBody(b, args.database())))
                            .headers(Map.of("Content-Type", "application/json"))
                            .oauthToken(JobHttpTargetOauthTokenArgs.builder().serviceAccountEmail(exporter.email())
                                    .scope("https://www.googleapis.com/auth/cloud-platform").build())
                            .build())
                    .build(), child);
        }
        registerOutputs(Map.of("bucket", bucket.name()));
    }

    /** The Cloud SQL Admin export request, base64-encoded as Cloud Scheduler expects its body. */
    static String exportBody(String bucket, String database) {
        String json = dev.strata.platform.Json.write(Map.of("exportContext", Map.of("fileType", "SQL",
                "uri", "gs://" + bucket + "/" + database + ".sql.gz", "databases", List.of(database), "offload", true)));
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public Output<String> bucketName() {
        return bucket.name();
    }
}
