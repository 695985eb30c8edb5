package dev.strata.gcp;

import com.pulumi.core.Output;
import dev.strata.platform.KubeManifest;
import dev.strata.platform.ServiceRef;
import dev.strata.platform.WorkloadBindings;

import java.util.List;
import java.util.Map;

/**
 * How the workload plugs into the GCP platform: the Workload Identity annotation on its ServiceAccount;
 * the global load balancer reaches pods from Google's front-end ranges; the database lives in the private
 * services range; each Service gets a standalone NEG (named {@code <prefix>-<role>}, one per zone) that
 * the program-owned backend service uses; managed Prometheus scrapes the pods through a PodMonitoring.
 */
record GcpWorkloadBindings(Output<String> serviceAccountEmail, List<String> privateServicesRanges,
                           String negPrefix) implements WorkloadBindings {

    /** The standalone NEG name of a role (the same in every zone). */
    static String negName(String negPrefix, String role) {
        return negPrefix + "-" + role;
    }

    @Override
    public Map<String, Output<String>> serviceAccountAnnotations() {
        return Map.of("iam.gke.io/gcp-service-account", serviceAccountEmail);
    }

    @Override
    public Output<List<String>> loadBalancerSourceCidrs() {
        return Output.of(GcpNetwork.GOOGLE_FRONT_ENDS);
    }

    @Override
    public Output<List<String>> databaseCidrs() {
        return Output.of(privateServicesRanges);
    }

    @Override
    public Map<String, String> serviceAnnotations(ServiceRef service) {
        return Map.of("cloud.google.com/neg", dev.strata.platform.Json.write(Map.of("exposed_ports",
                Map.of(String.valueOf(service.port()), Map.of("name", negName(negPrefix, service.role()))))));
    }

    @Override
    public List<KubeManifest> serviceAttachments(ServiceRef service) {
        return List.of();
    }

    /** Managed Prometheus's collectors (GKE-managed collection: DaemonSet in {@code gmp-system}). */
    @Override
    public List<Map<String, Object>> metricsScraperPeers() {
        return List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "gmp-system")),
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "collector"))));
    }

    @Override
    public Map<String, String> namespaceLabels() {
        return Map.of();
    }

    @Override
    public Map<String, String> podMetricsAnnotations(String portName, String path) {
        return Map.of();
    }

    @Override
    public List<KubeManifest> metricsScrape(ServiceRef service, String portName, String path) {
        return List.of(new KubeManifest("monitoring.googleapis.com/v1", "PodMonitoring", service.name(), Map.of(
                "spec", Map.of(
                        "selector", Map.of("matchLabels", service.selector()),
                        "endpoints", List.of(Map.of("port", portName, "path", path, "interval", "30s"))))));
    }
}
