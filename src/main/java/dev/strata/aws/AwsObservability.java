package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs, alarms and the dashboard. The Container Insights log groups (application, dataplane, host,
 * performance) are created up front with retention and KMS, so the agent never creates them unencrypted
 * and forever. An encrypted SNS topic (only CloudWatch of this account may publish) with the configured
 * e-mail subscription receives alarms on: edge 5xx rate, p99 latency, container restarts (crash loops),
 * failing readiness per role (unhealthy targets), and the database's CPU, free storage and connections.
 * One dashboard shows rate, errors, latency and saturation.
 */
public final class AwsObservability extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsObservability";
    static final List<String> INSIGHTS_LOG_GROUPS = List.of("application", "dataplane", "host", "performance");
    /**
     * Container Insights publishes {@code pod_number_of_container_restarts} with exactly one dimension set:
     * ClusterName, Namespace, PodName, where PodName is the pod's owner (the Deployment's name for its pods), not a
     * pod's own name (CloudWatch user guide, "Amazon EKS and Kubernetes Container Insights metrics"). An alarm on
     * any other set watches a metric that does not exist and never fires.
     */
    static final List<String> RESTART_DIMENSIONS = List.of("ClusterName", "Namespace", "PodName");

    /**
     * @param albArnSuffix            CloudWatch dimension of the ALB
     * @param targetGroupArnSuffixes  dimension of each role's target group
     * @param dbStorageGb             allocated storage, for the free-space threshold
     * @param workloads               the Deployments of the workload (one crash-loop alarm each)
     */
    record Args(AwsAccount account, String clusterName, String appNamespace, List<String> workloads,
                int logRetentionDays,
                Optional<String> alertEmail, Output<String> logKeyArn, Output<String> albArnSuffix,
                Map<String, Output<String>> targetGroupArnSuffixes, Output<String> dbIdentifier, int dbStorageGb) {
    }

    private final Topic topic;
    private final Dashboard dashboard;
    private final List<MetricAlarm> alarms = new ArrayList<>();

    AwsObservability(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var account = args.account();

        for (String group : INSIGHTS_LOG_GROUPS) {
            new LogGroup(name + "-insights-" + group, LogGroupArgs.builder()
                    .name("/aws/containerinsights/" + args.clusterName() + "/" + group)
                    .retentionInDays(args.logRetentionDays())
                    .kmsKeyId(args.logKeyArn())
                    .build(), child);
        }

        this.topic = new Topic(name + "-alerts", TopicArgs.builder()
                .displayName("Alerts of " + name)
                .kmsMasterKeyId(args.logKeyArn())
                .build(), child);
        new TopicPolicy(name + "-alerts", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(topic.arn().applyValue(arn -> Policies.json(Policies.document(List.of(Map.of(
                        "Sid", "CloudWatchOfThisAccountPublishes", "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("sns:Publish"), "Resource", List.of(arn),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", account.accountId()))))))))
                .build(), child);
        args.alertEmail().ifPresent(email -> new TopicSubscription(name + "-alerts-email",
                TopicSubscriptionArgs.builder().topic(topic.arn()).protocol("email").endpoint(email).build(), child));

        var lb = args.albArnSuffix();
        alarms.add(new MetricAlarm(name + "-edge-5xx-rate", MetricAlarmArgs.builder()
                .alarmDescription("More than 1% of requests answered 5xx for 5 minutes")
                .comparisonOperator("GreaterThanThreshold").threshold(1.0)
                .evaluationPeriods(5).datapointsToAlarm(5).treatMissingData("notBreaching")
                .metricQueries(
                        query("rate", "100 * (target5xx + elb5xx) / MAX([requests, 1])", true),
                        metric("target5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", lb),
                        metric("elb5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", lb),
                        metric("requests", "AWS/ApplicationELB", "RequestCount", "Sum", lb))
                .alarmActions(Output.all(topic.arn())).okActions(Output.all(topic.arn()))
                .build(), child));
        alarms.add(new MetricAlarm(name + "-latency-p99", MetricAlarmArgs.builder()
                .alarmDescription("p99 target response time above 500 ms for 5 minutes")
                .namespace("AWS/ApplicationELB").metricName("TargetResponseTime").extendedStatistic("p99")
                .dimensions(lb.applyValue(v -> Map.of("LoadBalancer", v))).period(60)
                .comparisonOperator("GreaterThanThreshold").threshold(0.5)
                .evaluationPeriods(5).datapointsToAlarm(5).treatMissingData("notBreaching")
                .alarmActions(Output.all(topic.arn())).okActions(Output.all(topic.arn()))
                .build(), child));
        for (String workload : args.workloads()) {
            alarms.add(new MetricAlarm(name + "-" + workload + "-crash-loop", MetricAlarmArgs.builder()
                    .alarmDescription("Containers of " + workload + " restarted more than 3 times in 10 minutes")
                    .namespace("ContainerInsights").metricName("pod_number_of_container_restarts").statistic("Sum")
                    .dimensions(Map.of("ClusterName", args.clusterName(), "Namespace", args.appNamespace(),
                            "PodName", workload))
                    .period(600).comparisonOperator("GreaterThanThreshold").threshold(3.0).evaluationPeriods(1)
                    .treatMissingData("notBreaching")
                    .alarmActions(Output.all(topic.arn())).okActions(Output.all(topic.arn()))
                    .build(), child));
        }
        args.targetGroupArnSuffixes().forEach((role, tg) -> alarms.add(new MetricAlarm(name + "-" + role
                + "-unready", MetricAlarmArgs.builder()
                .alarmDescription("Targets of " + role + " failing readiness for 3 minutes")
                .namespace("AWS/ApplicationELB").metricName("UnHealthyHostCount").statistic("Maximum")
                .dimensions(Output.tuple(lb, tg).applyValue(t -> Map.of("LoadBalancer", t.t1, "TargetGroup", t.t2)))
                .period(60).comparisonOperator("GreaterThanThreshold").threshold(0.0)
                .evaluationPeriods(3).datapointsToAlarm(3).treatMissingData("notBreaching")
                .alarmActions(Output.all(topic.arn())).okActions(Output.all(topic.arn()))
                .build(), child)));
        var db = args.dbIdentifier().applyValue(id -> Map.of("DBInstanceIdentifier", id));
        alarms.add(rdsAlarm(name + "-db-cpu", "Database CPU above 80% for 10 minutes", "CPUUtilization",
                "GreaterThanThreshold", 80.0, db));
        alarms.add(rdsAlarm(name + "-db-free-storage", "Database free storage below 10% of the allocation",
                "FreeStorageSpace", "LessThanThreshold", args.dbStorageGb() * 0.1 * 1024 * 1024 * 1024, db));
        alarms.add(rdsAlarm(name + "-db-connections", "More than 400 database connections for 10 minutes",
                "DatabaseConnections", "GreaterThanThreshold", 400.0, db));

        this.dashboard = new Dashboard(name + "-dashboard", DashboardArgs.builder()
                .dashboardName(name)
                .dashboardBody(Output.tuple(lb, args.dbIdentifier()).applyValue(t -> Policies.json(
                        Dashboards.body(account.region(), t.t1, args.clusterName(), t.t2))))
                .build(), child);
        registerOutputs(Map.of("alertTopicArn", topic.arn(), "dashboardUrl", dashboardUrl()));
    }

    private MetricAlarm rdsAlarm(String name, String description, String metric, String comparison, double threshold,
                                 Output<Map<String, String>> dimensions) {
        return new MetricAlarm(name, MetricAlarmArgs.builder()
                .alarmDescription(description)
                .namespace("AWS/RDS").metricName(metric).statistic("Average").dimensions(dimensions)
                .period(300).evaluationPeriods(2).datapointsToAlarm(2)
                .comparisonOperator(comparison).threshold(threshold).treatMissingData("breaching")
                .alarmActions(Output.all(topic.arn())).okActions(Output.all(topic.arn()))
                .build(), ResourceOpts.child(this));
    }

    private static MetricAlarmMetricQueryArgs query(String id, String expression, boolean returnData) {
        return MetricAlarmMetricQueryArgs.builder().id(id).expression(expression).label(id).returnData(returnData)
                .build();
    }

    private static MetricAlarmMetricQueryArgs metric(String id, String namespace, String name, String stat,
                                                     Output<String> loadBalancer) {
        return MetricAlarmMetricQueryArgs.builder().id(id).returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder().namespace(namespace).metricName(name).stat(stat)
                        .period(60).dimensions(loadBalancer.applyValue(v -> Map.of("LoadBalancer", v))).build())
                .build();
    }

    public Output<String> dashboardUrl() {
        return dashboard.dashboardName().applyValue(n -> "https://console.aws.amazon.com/cloudwatch/home#dashboards:name="
                + n);
    }

    public Output<String> alertTopicArn() {
        return topic.arn();
    }

    List<MetricAlarm> alarms() {
        return alarms;
    }
}
