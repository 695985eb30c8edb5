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
 * the program-owned backend service uses; managed Prometheus scrapes the pods through a PodMonitoring, and a
 * NetworkPolicy lets its collectors through the workload's default deny: they run as ordinary pods in
 * {@code gmp-system} (labelled {@code app.kubernetes.io/name: collector}), not from the node, so without it
 * no sample arrives (https://cloud.google.com/stackdriver/docs/managed-prometheus/troubleshooting).
 */
record GcpWorkloadBindings(Output<String> serviceAccountEmail,
                           java.util.Optional<Output<String>> migrationServiceAccountEmail,
                           List<String> privateServicesRanges, String negPrefix) implements WorkloadBindings {

    static final String COLLECTOR_NAMESPACE = "gmp-system";
    /** Binds a Kubernetes ServiceAccount to the Google service account it impersonates. */
    static final String WORKLOAD_IDENTITY_ANNOTATION = "iam.gke.io/gcp-service-account";
    static final Map<String, String> COLLECTOR_LABELS = Map.of("app.kubernetes.io/name", "collector");

    /** The standalone NEG name of a role (the same in every zone). */
    static String negName(String negPrefix, String role) {
        return negPrefix + "-" + role;
    }

    /** The Cloud SQL connectors reach the instance's server-side proxy on 3307, not PostgreSQL's 5432. */
    static final int CLOUDSQL_CONNECTOR_PORT = 3307;
    /** The GKE metadata server (Workload Identity tokens); on Dataplane V2 it answers on 169.254.169.252:988. */
    static final List<Map<String, Object>> METADATA_SERVER = List.of(
            Map.of("cidr", "169.254.169.254/32", "port", 80), Map.of("cidr", "169.254.169.252/32", "port", 988));

    /**
     * The Cloud SQL Java connector's egress for the roles that use the database ({@code api}, {@code migrate}):
     * the instance on 3307, the Cloud SQL Admin API (ephemeral certificate, instance metadata) through
     * private.googleapis.com on 443, and the GKE metadata server for the Workload Identity token.
     */
    @Override
    public Map<String, Output<Map<String, Object>>> cloudNetworkPolicies(Map<String, Map<String, String>> roles) {
        var policies = new java.util.LinkedHashMap<String, Output<Map<String, Object>>>();
        for (String role : List.of("api", "migrate")) {
            policies.put(role + "-cloudsql-connector", Output.of(connectorEgress(roles.get(role),
                    privateServicesRanges)));
        }
        return policies;
    }

    static Map<String, Object> connectorEgress(Map<String, String> podSelector, List<String> databaseRanges) {
        var egress = new java.util.ArrayList<Object>();
        egress.add(Map.of("to", databaseRanges.stream().map(c -> (Object) Map.of("ipBlock", Map.of("cidr", c))).toList(),
                "ports", List.of(Map.of("protocol", "TCP", "port", CLOUDSQL_CONNECTOR_PORT))));
        egress.add(Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", GcpNetwork.GOOGLE_APIS_CIDR))),
                "ports", List.of(Map.of("protocol", "TCP", "port", 443))));
        for (var m : METADATA_SERVER) {
            egress.add(Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", m.get("cidr")))),
                    "ports", List.of(Map.of("protocol", "TCP", "port", m.get("port")))));
        }
        return Map.of("podSelector", Map.of("matchLabels", podSelector), "policyTypes", List.of("Egress"),
                "egress", egress);
    }

    @Override
    public Map<String, Output<String>> serviceAccountAnnotations() {
        return Map.of(WORKLOAD_IDENTITY_ANNOTATION, serviceAccountEmail);
    }

    /**
     * The migration Job's own Google identity: its Cloud SQL Java connector (in the image, as for the api pods) needs
     * it to get the client certificate the instance requires; it may only connect ({@link GcpWorkloadIdentity}).
     */
    @Override
    public Map<String, Output<String>> migrationServiceAccountAnnotations() {
        return migrationServiceAccountEmail.map(e -> Map.of(WORKLOAD_IDENTITY_ANNOTATION, e)).orElse(Map.of());
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
                                "endpoints", List.of(Map.of("port", portName, "path", path, "interval", "30s"))))),
                new KubeManifest("networking.k8s.io/v1", "NetworkPolicy", service.name() + "-from-collectors",
                        Map.of("spec", collectorIngress(service.selector(), portName))));
    }

    /** Ingress from the managed collectors to the scraped port (by name, so it follows the pod spec). */
    static Map<String, Object> collectorIngress(Map<String, String> podSelector, String portName) {
        var collectors = Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", COLLECTOR_NAMESPACE)),
                "podSelector", Map.of("matchLabels", COLLECTOR_LABELS));
        return Map.of("podSelector", Map.of("matchLabels", podSelector), "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", List.of(collectors),
                        "ports", List.of(Map.of("protocol", "TCP", "port", portName)))));
    }
}
