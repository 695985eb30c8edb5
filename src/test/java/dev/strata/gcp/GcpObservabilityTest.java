package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpObservabilityTest {

    @Test
    void logBucketWithRetentionSinkChannelAlertsAndDashboard() {
        var m = MockRun.run(GcpFixture.dev(), ctx -> new GcpObservability("obs", new GcpObservability.Args(
                GcpFixture.PROJECT, "strata", 30, Optional.of("oncall@example.com"), Output.of("db-1"),
                GcpFixture.key("data"), Optional.of(Output.of("export-workflow"))),
                ComponentResourceOptions.Empty)).mocks();
        assertEquals(30, Props.num(m.one("gcp:logging/projectBucketConfig:ProjectBucketConfig").inputs
                .get("retentionDays")));
        assertTrue(m.one("gcp:logging/projectSink:ProjectSink").inputs.get("filter").toString()
                .contains("namespace_name=\"strata\""));
        assertEquals("email", m.one("gcp:monitoring/notificationChannel:NotificationChannel").inputs.get("type"));
        var alerts = m.ofType("gcp:monitoring/alertPolicy:AlertPolicy").stream().map(a -> a.name).sorted().toList();
        assertEquals(List.of("obs-crash-loop", "obs-db-connections", "obs-db-cpu", "obs-db-disk", "obs-edge-5xx-rate",
                "obs-export-failed", "obs-latency-p99", "obs-unready"), alerts);
        for (var a : m.ofType("gcp:monitoring/alertPolicy:AlertPolicy")) {
            assertEquals(1, ((List<?>) a.inputs.get("notificationChannels")).size(), a.name + " notifies");
        }
        var dashboard = m.one("gcp:monitoring/dashboard:Dashboard").inputs.get("dashboardJson").toString();
        for (String signal : List.of("Rate", "Errors", "Latency", "Saturation")) {
            assertTrue(dashboard.contains(signal), signal);
        }
    }

    private static dev.strata.support.RecordingMocks build() {
        return MockRun.run(GcpFixture.dev(), ctx -> new GcpObservability("obs", new GcpObservability.Args(
                GcpFixture.PROJECT, "strata", 30, Optional.of("oncall@example.com"), Output.of("db-1"),
                GcpFixture.key("data"), Optional.of(Output.of("export-workflow"))),
                ComponentResourceOptions.Empty)).mocks();
    }

    /** Every alert computes what its text claims; the crash-loop alert is "3 or more restarts in 10 minutes". */
    @Test
    void everyAlertsAggregationMatchesWhatItClaims() {
        var m = build();
        for (var a : m.ofType("gcp:monitoring/alertPolicy:AlertPolicy")) {
            assertEquals(List.of(), GcpCloudRules.alertClaimViolations(a.name, a.inputs));
        }
        var crash = Props.map(Props.map(Props.list(m.inputs("gcp:monitoring/alertPolicy:AlertPolicy", "obs-crash-loop")
                .get("conditions")).get(0)).get("conditionThreshold"));
        assertEquals("600s", Props.map(Props.list(crash.get("aggregations")).get(0)).get("alignmentPeriod"));
        // the rule catches the old shape: a per-minute delta held for 5 minutes never reaches 3 under back-off
        var old = java.util.Map.<String, Object>of("conditions", List.of(java.util.Map.of(
                "displayName", "Workload containers restarted more than 3 times in 10 minutes",
                "conditionThreshold", java.util.Map.of("comparison", "COMPARISON_GT", "thresholdValue", 3.0,
                        "duration", "300s", "aggregations", List.of(java.util.Map.of("alignmentPeriod", "60s",
                                "perSeriesAligner", "ALIGN_DELTA"))))));
        assertTrue(GcpCloudRules.alertClaimViolations("old", old).size() >= 2);
    }

    @Test
    void failedExportsAlertAndTheLogBucketIsEncryptedWithTheRegionsKey() {
        var m = build();
        var failed = m.inputs("gcp:monitoring/alertPolicy:AlertPolicy", "obs-export-failed").toString();
        assertTrue(failed.contains("workflows.googleapis.com/finished_execution_count")
                && failed.contains("status=\"FAILED\"") && failed.contains("workflow_id=\"export-workflow\""), failed);
        assertEquals("projects/strata-dev-4711/locations/us-central1/keyRings/r/cryptoKeys/data", Props.map(m.one(
                "gcp:logging/projectBucketConfig:ProjectBucketConfig").inputs.get("cmekSettings")).get("kmsKeyName"));
    }
}
