package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.logging.ProjectBucketConfig;
import com.pulumi.gcp.logging.ProjectBucketConfigArgs;
import com.pulumi.gcp.logging.ProjectSink;
import com.pulumi.gcp.logging.ProjectSinkArgs;
import com.pulumi.gcp.logging.inputs.ProjectBucketConfigCmekSettingsArgs;
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
 * policies on: load balancer 5xx rate, p99 latency, container restarts (3 or more of one container in 10
 * minutes: crash loops), Deployments with fewer ready replicas than desired (readiness failures, from managed
 * Prometheus' kube-state metrics), Cloud SQL CPU, disk and connections, and failed daily exports (prod).
 * Each alert's condition text states its window ({@link Claim}) and its aggregation is derived from it. The
 * log bucket is encrypted with the region's data key. One dashboard shows rate, errors, latency and saturation.
 */
public final class GcpObservability extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpObservability";

    /**
     * @param logKey         the data key of the region (the log bucket's CMEK)
     * @param exportWorkflow the daily export workflow, when there is one (its failures alert)
     */
    record Args(GcpProject project, String namespace, int logRetentionDays, Optional<String> alertEmail,
                Output<String> databaseInstance, Output<String> logKey, Optional<Output<String>> exportWorkflow) {
    }

    /**
     * What an alert claims in its text, and the only aggregation that means exactly that. A count claim
     * ("N or more X in M minutes") sums the deltas over one M-minute window and fires at once; a sustained
     * claim ("X for M minutes") aligns every minute and must hold for M minutes.
     */
    record Claim(String text, String aligner, int windowSeconds, double threshold, int durationSeconds) {
        static Claim count(int n, String what, int minutes) {
            return new Claim(n + " or more " + what + " in " + minutes + " minutes", "ALIGN_DELTA", minutes * 60,
                    n - 1, 0);
        }

        static Claim sustained(String what, String aligner, double value, int minutes) {
            return new Claim(what + " for " + minutes + " minutes", aligner, 60, value, minutes * 60);
        }
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
                // CMEK with the region's data key (a log bucket accepts only a key in its own location)
                .cmekSettings(ProjectBucketConfigCmekSettingsArgs.builder().kmsKeyName(args.logKey()).build())
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

        String lb = "resource.type=\"https_lb_rule\" AND metric.type=\"loadbalancing.googleapis.com/https/";
        alerts.add(threshold(name + "-edge-5xx-rate", Claim.sustained("More than 1% of requests answered 5xx",
                        "ALIGN_RATE", 0.01, 5), lb + "request_count\" AND metric.labels.response_code_class=500",
                Optional.of(lb + "request_count\""), "REDUCE_SUM", List.of(), notify));
        alerts.add(threshold(name + "-latency-p99", Claim.sustained("p99 latency above 500 ms",
                        "ALIGN_PERCENTILE_99", 500, 5), lb + "total_latencies\"", Optional.empty(), "REDUCE_MAX",
                List.of(), notify));
        // restarts are a cumulative counter: the delta over the whole 10-minute window, per container
        // (back-off spaces crash-loop restarts minutes apart, so a per-minute delta never exceeds 1)
        alerts.add(threshold(name + "-crash-loop", Claim.count(3, "restarts of one workload container", 10),
                "resource.type=\"k8s_container\" AND metric.type=\"kubernetes.io/container/restart_count\" AND"
                        + " resource.labels.namespace_name=\"" + args.namespace() + "\"",
                Optional.empty(), "REDUCE_SUM", List.of("resource.label.pod_name", "resource.label.container_name"),
                notify));
        alerts.add(new AlertPolicy(name + "-unready", AlertPolicyArgs.builder()
                .displayName(name + "-unready").combiner("OR")
                .documentation(doc("Deployments of the workload have fewer ready replicas than desired for 5 minutes"))
                .conditions(AlertPolicyConditionArgs.builder()
                        .displayName("Fewer ready replicas than desired for 5 minutes")
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
        alerts.add(threshold(name + "-db-cpu", Claim.sustained("Database CPU above 80%", "ALIGN_MEAN", 0.8, 5),
                sql + "cpu/utilization\"", Optional.empty(), "REDUCE_MAX", List.of(), notify));
        alerts.add(threshold(name + "-db-disk", Claim.sustained("Database disk above 90%", "ALIGN_MEAN", 0.9, 5),
                sql + "disk/utilization\"", Optional.empty(), "REDUCE_MAX", List.of(), notify));
        alerts.add(threshold(name + "-db-connections", Claim.sustained("More than 400 database connections",
                "ALIGN_MEAN", 400, 5), sql + "postgresql/num_backends\"", Optional.empty(), "REDUCE_SUM", List.of(),
                notify));
        // a failed export fails its workflow execution (the Cloud SQL connector raises on a failed operation)
        args.exportWorkflow().ifPresent(workflow -> alerts.add(threshold(name + "-export-failed",
                Claim.count(1, "failed database exports", 60), workflow.applyValue(w ->
                        "resource.type=\"workflows.googleapis.com/Workflow\""
                        + " AND resource.labels.workflow_id=\"" + w + "\""
                        + " AND metric.type=\"workflows.googleapis.com/finished_execution_count\""
                        + " AND metric.labels.status=\"FAILED\""),
                Optional.empty(), "REDUCE_SUM", List.of(), notify)));

        this.dashboard = new Dashboard(name + "-dashboard", DashboardArgs.builder()
                .dashboardJson(Json.write(dashboardBody(name)))
                .build(), child);
        registerOutputs(Map.of("dashboard", dashboard.id()));
    }

    private AlertPolicy threshold(String name, Claim claim, String filter, Optional<String> denominator,
                                  String reducer, List<String> groupBy, Output<List<String>> notify) {
        return threshold(name, claim, Output.of(filter), denominator, reducer, groupBy, notify);
    }

    private AlertPolicy threshold(String name, Claim claim, Output<String> filter, Optional<String> denominator,
                                  String reducer, List<String> groupBy, Output<List<String>> notify) {
        String period = claim.windowSeconds() + "s";
        var aggregation = AlertPolicyConditionConditionThresholdAggregationArgs.builder()
                .alignmentPeriod(period).perSeriesAligner(claim.aligner()).crossSeriesReducer(reducer)
                .groupByFields(groupBy).build();
        var t = AlertPolicyConditionConditionThresholdArgs.builder()
                .filter(filter).comparison("COMPARISON_GT").thresholdValue(claim.threshold())
                .duration(claim.durationSeconds() + "s")
                .aggregations(aggregation);
        denominator.ifPresent(d -> t.denominatorFilter(d).denominatorAggregations(
                com.pulumi.gcp.monitoring.inputs.AlertPolicyConditionConditionThresholdDenominatorAggregationArgs
                        .builder().alignmentPeriod(period).perSeriesAligner(claim.aligner()).crossSeriesReducer(reducer)
                        .build()));
        return new AlertPolicy(name, AlertPolicyArgs.builder()
                .displayName(name).combiner("OR").documentation(doc(claim.text()))
                .conditions(AlertPolicyConditionArgs.builder().displayName(claim.text()).conditionThreshold(t.build())
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
