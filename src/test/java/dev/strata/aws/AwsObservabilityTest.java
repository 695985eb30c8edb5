package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsObservabilityTest {

    private static MockRun.Recorded build(Optional<String> email) {
        return MockRun.run(AwsFixture.dev(), ctx -> new AwsObservability("obs", new AwsObservability.Args(
                AwsFixture.ACCOUNT, "strata-dev-eks", "strata", AwsEdge.ROLES, 30, email, AwsFixture.key("logs"),
                Output.of("app/alb/123"), Map.of("web", Output.of("targetgroup/web/1"), "api",
                Output.of("targetgroup/api/2")), Output.of("db-1"), 20), ComponentResourceOptions.Empty));
    }

    @Test
    void alarmsCoverTheEdgeTheWorkloadAndTheDatabase() {
        var m = build(Optional.of("oncall@example.com")).mocks();
        var alarms = m.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream().map(a -> a.name).sorted().toList();
        assertEquals(java.util.List.of("obs-api-crash-loop", "obs-api-unready", "obs-db-connections", "obs-db-cpu",
                "obs-db-free-storage", "obs-edge-5xx-rate", "obs-latency-p99", "obs-web-crash-loop", "obs-web-unready"),
                alarms);
        for (var a : m.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assertEquals(1, ((java.util.List<?>) a.inputs.get("alarmActions")).size(), a.name + " notifies");
        }
        assertEquals("p99", m.inputs("aws:cloudwatch/metricAlarm:MetricAlarm", "obs-latency-p99")
                .get("extendedStatistic"));
        var freeStorage = ((Number) m.inputs("aws:cloudwatch/metricAlarm:MetricAlarm", "obs-db-free-storage")
                .get("threshold")).doubleValue();
        assertEquals(2.0 * 1024 * 1024 * 1024, freeStorage, 1.0);
        var sub = m.one("aws:sns/topicSubscription:TopicSubscription").inputs;
        assertEquals("email", sub.get("protocol"));
        assertEquals("oncall@example.com", sub.get("endpoint"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/logs", m.one("aws:sns/topic:Topic").inputs
                .get("kmsMasterKeyId"));
    }

    @Test
    void containerInsightsLogGroupsHaveRetentionAndKmsAndTheDashboardHasTheFourSignals() {
        var m = build(Optional.empty()).mocks();
        var groups = m.ofType("aws:cloudwatch/logGroup:LogGroup");
        assertEquals(4, groups.size());
        for (var g : groups) {
            assertTrue(((String) g.inputs.get("name")).startsWith("/aws/containerinsights/strata-dev-eks/"));
            assertEquals(30, Props.num(g.inputs.get("retentionInDays")));
            assertTrue(g.inputs.containsKey("kmsKeyId"));
        }
        assertEquals(0, m.ofType("aws:sns/topicSubscription:TopicSubscription").size());
        var body = AwsFixture.json(m.one("aws:cloudwatch/dashboard:Dashboard").inputs.get("dashboardBody"));
        var titles = body.path("widgets").findValuesAsText("title");
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Rate")));
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Errors")));
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Latency")));
        assertTrue(titles.stream().anyMatch(t -> t.startsWith("Saturation")));
    }
}
