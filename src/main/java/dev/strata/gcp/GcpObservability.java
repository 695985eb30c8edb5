package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.logging.ProjectBucketConfig;
import com.pulumi.gcp.logging.ProjectBucketConfigArgs;
import com.pulumi.gcp.logging.ProjectSink;
import com.pulumi.gcp.logging.ProjectSinkArgs;
import com.pulumi.gcp.monitoring.AlertPolicy;
import com.pulumi.gcp.monitoring.AlertPolicyArgs;
import com.pulumi.gcp.monitoring.Dashboard;
import com.pulumi.gcp.monitoring.DashboardArgs;
import com.pulumi.gcp.monitoring.NotificationChannel;
import com.pulumi.gcp.monitoring.NotificationChannelArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionPrometheusQueryLanguageArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdAggregationArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdArgs;
import com.pulumi.gcp.monitoring.inputs.AlertPolicyDocumentationArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.Json;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs, alerts and the dashboard. The workload's container logs are routed by a sink to a dedicated log
 * bucket with the configured retention. An e-mail notification channel (when configured) receives alert
 * policies on: load balancer 5xx rate, p99 latency, container restarts (crash loops), Deployments with
 * fewer ready replicas than desired (readiness failures, from managed Prometheus' kube-state metrics),
 * and Cloud SQL CPU, disk and connections. One dashboard shows rate, errors, latency and saturation.
 */
public final class GcpObservability extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpObservability";

    record Args(GcpProject project, String namespace, int logRetentionDays, Optional<String> alertEmail,
                Output<String> databaseInstance) {
    }

    private final List<AlertPolicy> alerts = new ArrayList<>();
    private final Dashboard dashboard;

    GcpObservability(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();

        var bucket = new ProjectBucketConfig(name + "-logs", ProjectBucketConfigArgs.builder()
                .project(p.projectId()).location(p.region()).bucketId(name.replaceAll("[^a-z0-9-]", "-") + "-logs")
                .retentionDays(args.logRetentionDays()).description("Workload logs of " + name)
                .build(), child);
        new ProjectSink(name + "-workload-logs", ProjectSinkArgs.builder()
                .destination(bucket.id().applyValue(id -> "logging.googleapis.com/" + id))
                .filter("resource.type=\"k8s_container\" AND resource.labels.namespace_name=\"" + args.namespace() + "\"")
                .uniqueWriterIdentity(true)
                .build(), child);

        List<Output<String>> channels = args.alertEmail().map(email -> List.of(new NotificationChannel(
                name + "-email", NotificationChannelArgs.builder().type("email").displayName("On-call of " + name)
                .labels(Map.of("email_address", email)).build(), child).id())).orElse(List.of());
        var notify = Output.all(channels);

        alerts.add(threshold(name + "-edge-5xx-rate", "More than 1% of requests answered 5xx for 5 minutes",
                "resource.type=\"https_lb_rule\" AND metric.type=\"loadbalancing.googleapis.com/https/request_count\""
                        + " AND metric.labels.response_code_class=500",
                Optional.of("resource.type=\"https_lb_rule\" AND"
                        + " metric.type=\"loadbalancing.googleapis.com/https/request_count\""),
                "ALIGN_RATE", "REDUCE_SUM", 0.01, notify));
        alerts.add(threshold(name + "-latency-p99", "p99 latency above 500 ms for 5 minutes",
                "resource.type=\"https_lb_rule\" AND metric.type=\"loadbalancing.googleapis.com/https/total_latencies\"",
                Optional.empty(), "ALIGN_PERCENTILE_99", "REDUCE_MAX", 500, notify));
        alerts.add(threshold(name + "-crash-loop", "Workload containers restarted more than 3 times in 10 minutes",
                "resource.type=\"k8s_container\" AND metric.type=\"kubernetes.io/container/restart_count\" AND"
                        + " resource.labels.namespace_name=\"" + args.namespace() + "\"",
                Optional.empty(), "ALIGN_DELTA", "REDUCE_SUM", 3, notify));
        alerts.add(new AlertPolicy(name + "-unready", AlertPolicyArgs.builder()
                .displayName(name + "-unready").combiner("OR")
                .documentation(doc("Deployments of the workload have fewer ready replicas than desired for 5 minutes"))
                .conditions(AlertPolicyConditionArgs.builder().displayName("replicas not ready")
                        .conditionPrometheusQueryLanguage(AlertPolicyConditionConditionPrometheusQueryLanguageArgs
                                .builder()
                                .query("kube_deployment_spec_replicas{namespace=\"" + args.namespace() + "\"}"
                                        + " - kube_deployment_status_replicas_available{namespace=\""
                                        + args.namespace() + "\"} > 0")
                                .duration("300s").evaluationInterval("60s").build())
                        .build())
                .notificationChannels(notify)
                .build(), child));
        String sql = "resource.type=\"cloudsql_database\" AND metric.type=\"cloudsql.googleapis.com/database/";
        alerts.add(threshold(name + "-db-cpu", "Database CPU above 80% for 5 minutes", sql + "cpu/utilization\"",
                Optional.empty(), "ALIGN_MEAN", "REDUCE_MAX", 0.8, notify));
        alerts.add(threshold(name + "-db-disk", "Database disk above 90%", sql + "disk/utilization\"",
                Optional.empty(), "ALIGN_MEAN", "REDUCE_MAX", 0.9, notify));
        alerts.add(threshold(name + "-db-connections", "More than 400 database connections",
                sql + "postgresql/num_backends\"", Optional.empty(), "ALIGN_MEAN", "REDUCE_SUM", 400, notify));

        this.dashboard = new Dashboard(name + "-dashboard", DashboardArgs.builder()
                .dashboardJson(Json.write(dashboardBody(name)))
                .build(), child);
        registerOutputs(Map.of("dashboard", dashboard.id()));
    }

    private AlertPolicy threshold(String name, String description, String filter, Optional<String> denominator,
                                  String aligner, String reducer, double value, Output<List<String>> notify) {
        var aggregation = AlertPolicyConditionConditionThresholdAggregationArgs.builder()
                .alignmentPeriod("60s").perSeriesAligner(aligner).crossSeriesReducer(reducer).build();
        var t = AlertPolicyConditionConditionThresholdArgs.builder()
                .filter(filter).comparison("COMPARISON_GT").thresholdValue(value).duration("300s")
                .aggregations(aggregation);
        denominator.ifPresent(d -> t.denominatorFilter(d).denominatorAggregations(
                com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdDenominatorAggregationArgs
                        .builder().alignmentPeriod("60s").perSeriesAligner(aligner).crossSeriesReducer(reducer)
                        .build()));
        return new AlertPolicy(name, AlertPolicyArgs.builder()
                .displayName(name).combiner("OR").documentation(doc(description))
                .conditions(AlertPolicyConditionArgs.builder().displayName(description).conditionThreshold(t.build())
                        .build())
                .notificationChannels(notify)
                .build(), ResourceOpts.child(this));
    }

    private static AlertPolicyDocumentationArgs doc(String text) {
        return AlertPolicyDocumentationArgs.builder().mimeType("text/markdown")
                .content(text + ". Runbook: docs/runbook.md.").build();
    }

    static Map<String, Object> dashboardBody(String name) {
        return Map.of("displayName", name, "mosaicLayout", Map.of("columns", 12, "tiles", List.of(
                tile(0, 0, "Rate: requests/s", "loadbalancing.googleapis.com/https/request_count", "ALIGN_RATE"),
                tile(6, 0, "Errors: 5xx/s", "loadbalancing.googleapis.com/https/request_count\""
                        + " AND metric.labels.response_code_class=\"500", "ALIGN_RATE"),
                tile(0, 4, "Latency: p99 (ms)", "loadbalancing.googleapis.com/https/total_latencies",
                        "ALIGN_PERCENTILE_99"),
                tile(6, 4, "Saturation: container CPU", "kubernetes.io/container/cpu/limit_utilization",
                        "ALIGN_MEAN"))));
    }

    private static Map<String, Object> tile(int x, int y, String title, String metric, String aligner) {
        return Map.of("xPos", x, "yPos", y, "width", 6, "height", 4, "widget", Map.of("title", title,
                "xyChart", Map.of("dataSets", List.of(Map.of("timeSeriesQuery", Map.of("timeSeriesFilter", Map.of(
                        "filter", "metric.type=\"" + metric + "\"",
                        "aggregation", Map.of("alignmentPeriod", "60s", "perSeriesAligner", aligner))))))));
    }

    public Output<String> dashboardId() {
        return dashboard.id();
    }

    List<AlertPolicy> alerts() {
        return alerts;
    }
}
