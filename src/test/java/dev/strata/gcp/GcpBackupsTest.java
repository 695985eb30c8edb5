package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.StackConfig;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpBackupsTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> new GcpBackups("bk", new GcpBackups.Args(GcpFixture.PROJECT, cfg.backup(),
                cfg.environment().isProd(), GcpFixture.key("data"), Output.of("db-1"), Output.of("sql@x.iam"), "counter"),
                ComponentResourceOptions.Empty));
    }

    @Test
    void versionedUniformEncryptedPrivateBucketInTheRegionWithoutScheduleInDev() {
        var m = build(GcpFixture.dev()).mocks();
        var bucket = m.one("gcp:storage/bucket:Bucket").inputs;
        assertEquals("US-CENTRAL1", bucket.get("location"));
        assertEquals(true, bucket.get("uniformBucketLevelAccess"));
        assertEquals("enforced", bucket.get("publicAccessPrevention"));
        assertEquals(true, map(bucket.get("versioning")).get("enabled"));
        assertTrue(map(bucket.get("encryption")).get("defaultKmsKeyName").toString().endsWith("cryptoKeys/data"));
        assertTrue(bucket.get("lifecycleRules").toString().contains("daysSinceNoncurrentTime=14"));
        assertEquals(0, m.ofType("gcp:cloudscheduler/job:Job").size());
        assertEquals("roles/storage.objectCreator", m.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs.get("role"));
    }

    @Test
    void prodExportsDailyToABucketInTheCopyRegionWithAnExportOnlyRole() {
        var m = build(GcpFixture.prod()).mocks();
        assertEquals("US-EAST1", m.one("gcp:storage/bucket:Bucket").inputs.get("location"));
        var job = m.one("gcp:cloudscheduler/job:Job").inputs;
        assertEquals(GcpBackups.SCHEDULE, job.get("schedule"));
        var target = map(job.get("httpTarget"));
        assertEquals("https://sqladmin.googleapis.com/v1/projects/strata-dev-4711/instances/db-1/export", target.get("uri"));
        String body = new String(Base64.getDecoder().decode((String) target.get("body")), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"databases\":[\"counter\"]") && body.contains("gs://"), body);
        assertEquals(java.util.List.of("cloudsql.instances.export"), m.one("gcp:projects/iAMCustomRole:IAMCustomRole")
                .inputs.get("permissions"));
    }
}
