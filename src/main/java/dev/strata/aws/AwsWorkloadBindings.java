package dev.strata.aws;

import com.pulumi.core.Output;
import dev.strata.platform.KubeManifest;
import dev.strata.platform.ServiceRef;
import dev.strata.platform.WorkloadBindings;

import java.util.List;
import java.util.Map;

/**
 * How the workload plugs into the AWS platform: IRSA annotation on its ServiceAccount; the internal ALB and the
 * managed Prometheus collector live in the edge subnets, so load balancer traffic, health checks and scrapes come
 * from those ranges only (never the pod range); the database lives in the database subnets; each Service is
 * attached to its role's target group with a TargetGroupBinding (pod IPs registered by the load balancer
 * controller), and the namespace opts in to the controller's pod readiness gate, so a pod counts as ready only
 * once its target is healthy; pods carry the Prometheus annotations the collector's scrape configuration reads.
 */
record AwsWorkloadBindings(Output<String> roleArn, List<String> edgeRanges, List<String> databaseRanges,
                           Map<String, Output<String>> targetGroupArns) implements WorkloadBindings {
    /** The load balancer controller's readiness gate injection (LBC docs, "Pod readiness gate"). */
    static final String READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

    @Override
    public Map<String, Output<String>> serviceAccountAnnotations() {
        return Map.of("eks.amazonaws.com/role-arn", roleArn);
    }

    @Override
    public Output<List<String>> loadBalancerSourceCidrs() {
        return Output.of(edgeRanges);
    }

    @Override
    public Output<List<String>> databaseCidrs() {
        return Output.of(databaseRanges);
    }

    @Override
    public Map<String, String> serviceAnnotations(ServiceRef service) {
        return Map.of();
    }

    @Override
    public List<KubeManifest> serviceAttachments(ServiceRef service) {
        var arn = targetGroupArns.get(service.role());
        if (arn == null) {
            return List.of();
        }
        return List.of(new KubeManifest("elbv2.k8s.aws/v1beta1", "TargetGroupBinding", service.name(), Map.of(
                "spec", Map.of(
                        "serviceRef", Map.of("name", service.name(), "port", service.port()),
                        "targetGroupARN", arn,
                        "targetType", "ip"))));
    }

    @Override
    public Map<String, String> podMetricsAnnotations(String portName, String path) {
        return Map.of("prometheus.io/scrape", "true", "prometheus.io/path", path,
                "prometheus.io/port", String.valueOf(AwsClusterAddons.METRICS_PORT));
    }

    /** The managed collector's network interfaces live in the edge subnets. */
    @Override
    public List<Map<String, Object>> metricsScraperPeers() {
        return edgeRanges.stream().map(c -> (Map<String, Object>) Map.<String, Object>of("ipBlock",
                Map.of("cidr", c))).toList();
    }

    @Override
    public Map<String, String> namespaceLabels() {
        return Map.of(READINESS_GATE_LABEL, "enabled");
    }

    @Override
    public List<KubeManifest> metricsScrape(ServiceRef service, String portName, String path) {
        return List.of();
    }
}
