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
                GcpFixture.PROJECT, "strata", 30, Optional.of("oncall@example.com"), Output.of("db-1")),
                ComponentResourceOptions.Empty)).mocks();
        assertEquals(30, Props.num(m.one("gcp:logging/projectBucketConfig:ProjectBucketConfig").inputs
                .get("retentionDays")));
        assertTrue(m.one("gcp:logging/projectSink:ProjectSink").inputs.get("filter").toString()
                .contains("namespace_name=\"strata\""));
        assertEquals("email", m.one("gcp:monitoring/notificationChannel:NotificationChannel").inputs.get("type"));
        var alerts = m.ofType("gcp:monitoring/alertPolicy:AlertPolicy").stream().map(a -> a.name).sorted().toList();
        assertEquals(List.of("obs-crash-loop", "obs-db-connections", "obs-db-cpu", "obs-db-disk", "obs-edge-5xx-rate",
                "obs-latency-p99", "obs-unready"), alerts);
        for (var a : m.ofType("gcp:monitoring/alertPolicy:AlertPolicy")) {
            assertEquals(1, ((List<?>) a.inputs.get("notificationChannels")).size(), a.name + " notifies");
        }
        var dashboard = m.one("gcp:monitoring/dashboard:Dashboard").inputs.get("dashboardJson").toString();
        for (String signal : List.of("Rate", "Errors", "Latency", "Saturation")) {
            assertTrue(dashboard.contains(signal), signal);
        }
    }
}
