package dev.strata.gcp;

import com.pulumi.core.Output;

import java.util.List;

/**
 * Facts about the target project looked up once by {@link GcpPlatform}. The project number and the zones
 * are looked up only after the APIs that answer them are enabled, so on a fresh project they are unknown
 * in the first preview (and known in {@code pulumi up}) instead of failing it.
 *
 * @param projectId     the project id
 * @param projectNumber the project number (Google-managed service agents are named after it)
 * @param region        the stack's region
 * @param zones         the three zones of the region the cluster's nodes span (looked up, sorted); the load
 *                      balancer reads the zones back from the cluster, never from here
 */
record GcpProject(String projectId, Output<String> projectNumber, String region, Output<List<String>> zones) {

    /**
     * The member of a Google-managed service agent that Google creates when its API is enabled, e.g.
     * {@code container-engine-robot} (GKE) or {@code compute-system} (Compute Engine). Agents that appear only
     * on first use or on request are created explicitly instead ({@link GcpKeys}).
     */
    Output<String> serviceAgent(String agent) {
        return projectNumber.applyValue(n -> "serviceAccount:service-" + n + "@" + agent + ".iam.gserviceaccount.com");
    }

    String workloadPool() {
        return projectId + ".svc.id.goog";
    }
}
