package dev.strata.platform;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * What the cloud-neutral workload needs from the cloud besides the Kubernetes provider and the database:
 * how its pods get a cloud identity, which addresses the load balancer reaches them from, where the
 * database lives, how a Service is attached to the program-owned load balancer, and how metrics are
 * scraped. Every method returns data; the workload creates the objects.
 */
public interface WorkloadBindings {

    /** Annotations of the workload's ServiceAccount that bind it to its cloud identity. */
    Map<String, Output<String>> serviceAccountAnnotations();

    /**
     * Annotations of the migration Job's ServiceAccount ({@link Naming#MIGRATION_SERVICE_ACCOUNT}), for a cloud whose
     * database path needs a cloud identity (GCP: the Cloud SQL connector fetches its client certificate with it).
     * Each value resolves only once that identity may be used, so the Job waits for its grants. None by default
     * (AWS: the migration logs in with the master password over TLS, no AWS identity involved).
     */
    default Map<String, Output<String>> migrationServiceAccountAnnotations() {
        return Map.of();
    }

    /** Source ranges of load balancer traffic and health checks, for the ingress NetworkPolicy. */
    Output<List<String>> loadBalancerSourceCidrs();

    /** Ranges the database endpoint lives in, for the egress NetworkPolicy. */
    Output<List<String>> databaseCidrs();

    /** Annotations a Service needs to be attached to the load balancer (GCP standalone NEGs). */
    Map<String, String> serviceAnnotations(ServiceRef service);

    /** Objects that attach a Service to the load balancer (AWS TargetGroupBinding). */
    List<KubeManifest> serviceAttachments(ServiceRef service);

    /** Pod annotations that make the cloud's Prometheus path scrape the pods. */
    Map<String, String> podMetricsAnnotations(String portName, String path);

    /**
     * NetworkPolicy peers of the cloud's metrics scraper (the only clients of the pods' metrics port); the workload
     * admits them on that port and nothing else does.
     */
    List<Map<String, Object>> metricsScraperPeers();

    /** Labels the workload's namespace needs from this cloud (AWS: the load balancer pod readiness gate). */
    Map<String, String> namespaceLabels();

    /** Objects that make the cloud's managed Prometheus scrape the pods (GKE PodMonitoring). */
    List<KubeManifest> metricsScrape(ServiceRef service, String portName, String path);

    /**
     * NetworkPolicy specs, by object name, for paths only this cloud has (GCP: the Cloud SQL connector's
     * egress), given the pod selector of each workload role ({@code web}, {@code api}, {@code migrate}).
     */
    default Map<String, Output<Map<String, Object>>> cloudNetworkPolicies(Map<String, Map<String, String>> roles) {
        return Map.of();
    }
}
