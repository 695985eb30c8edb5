package dev.strata.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CloudWatch dashboard body: rate, errors, latency, saturation (the four golden signals). */
final class Dashboards {
    private Dashboards() {
    }

    static Map<String, Object> body(String region, String loadBalancer, String clusterName, String dbIdentifier) {
        List<Object> widgets = new ArrayList<>();
        widgets.add(widget(0, "Rate: requests per minute", region, List.of(
                List.of("AWS/ApplicationELB", "RequestCount", "LoadBalancer", loadBalancer, Map.of("stat", "Sum")))));
        widgets.add(widget(12, "Errors: 5xx per minute", region, List.of(
                List.of("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", loadBalancer,
                        Map.of("stat", "Sum")),
                List.of("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", loadBalancer,
                        Map.of("stat", "Sum")))));
        widgets.add(widget(0, "Latency: target response time (s)", region, List.of(
                List.of("AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", loadBalancer, Map.of("stat", "p50")),
                List.of("AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", loadBalancer,
                        Map.of("stat", "p99")))));
        widgets.add(widget(12, "Saturation: nodes and database", region, List.of(
                List.of("ContainerInsights", "node_cpu_utilization", "ClusterName", clusterName, Map.of("stat", "Average")),
                List.of("ContainerInsights", "node_memory_utilization", "ClusterName", clusterName,
                        Map.of("stat", "Average")),
                List.of("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", dbIdentifier, Map.of("stat", "Average")),
                List.of("AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", dbIdentifier,
                        Map.of("stat", "Average", "yAxis", "right")))));
        return Map.of("widgets", widgets);
    }

    private static Map<String, Object> widget(int x, String title, String region, List<List<Object>> metrics) {
        return Map.of("type", "metric", "x", x, "width", 12, "height", 6, "properties", Map.of(
                "title", title, "region", region, "period", 60, "view", "timeSeries", "metrics", metrics));
    }
}
