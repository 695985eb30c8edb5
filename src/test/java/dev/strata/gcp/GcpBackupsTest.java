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
                cfg.environment().isProd(), GcpFixture.dataKeys(), Output.of("db-1"), Output.of("sql@x.iam"), "counter"),
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
    void prodExportsDailyThroughAWorkflowToABucketInTheCopyRegionWithAnExportOnlyRole() {
        var m = build(GcpFixture.prod()).mocks();
        var bucket = m.one("gcp:storage/bucket:Bucket").inputs;
        assertEquals("US-EAST1", bucket.get("location"));
        assertEquals("projects/strata-dev-4711/locations/us-east1/keyRings/r/cryptoKeys/data",
                map(bucket.get("encryption")).get("defaultKmsKeyName"), "the key of the bucket's own location");
        var job = m.one("gcp:cloudscheduler/job:Job").inputs;
        assertEquals(GcpBackups.SCHEDULE, job.get("schedule"));
        var target = map(job.get("httpTarget"));
        assertTrue(target.get("uri").toString().startsWith("https://workflowexecutions.googleapis.com/v1/"),
                target.get("uri").toString());
        assertTrue(target.get("uri").toString().endsWith("/executions"));
        var workflow = m.one("gcp:workflows/workflow:Workflow").inputs;
        assertEquals("us-central1", workflow.get("region"));
        assertEquals(GcpBackups.exportWorkflow("strata-dev-4711", "db-1", bucket.get("name") == null
                ? workflowBucket(workflow) : bucket.get("name").toString(), "counter"), workflow.get("sourceContents"));
        assertEquals(GcpBackups.EXPORTER_PERMISSIONS, m.one("gcp:projects/iAMCustomRole:IAMCustomRole")
                .inputs.get("permissions"));
    }

    private static String workflowBucket(java.util.Map<String, Object> workflow) {
        var src = workflow.get("sourceContents").toString();
        int at = src.indexOf("gs://") + 5;
        return src.substring(at, src.indexOf('/', at));
    }

    /**
     * The instance's service account may only create objects: a second export to the same name is refused.
     * Every run must write a new object, and exports must expire by age (not only as old versions).
     */
    @Test
    void everyExportWritesANewTimeStampedObjectThatExpiresAfterTheRetention() throws Exception {
        String src = GcpBackups.exportWorkflow("p", "db-1", "bucket-1", "counter");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(src);
        var steps = tree.get("main").get("steps");
        String uri = steps.get(0).get("name").get("assign").get(0).get("uri").asText();
        assertTrue(uri.startsWith("${") && uri.contains("time.format(sys.now())"), "named by the run's time: " + uri);
        assertTrue(uri.contains("gs://bucket-1/exports/counter-"), uri);
        var export = steps.get(1).get("export");
        assertEquals("googleapis.sqladmin.v1.instances.export", export.get("call").asText());
        assertEquals("${uri}", export.get("args").get("body").get("exportContext").get("uri").asText());
        assertEquals("roles/storage.objectCreator", build(GcpFixture.prod()).mocks()
                .one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs.get("role"));
        var rules = build(GcpFixture.prod()).mocks().one("gcp:storage/bucket:Bucket").inputs.get("lifecycleRules")
                .toString();
        assertTrue(rules.contains("age=" + GcpFixture.prod().backup().retentionDays()), rules);
    }
}
