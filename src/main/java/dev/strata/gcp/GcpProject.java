package dev.strata.gcp;

import java.util.List;

/**
 * Facts about the target project looked up once by {@link GcpPlatform}.
 *
 * @param projectId     the project id
 * @param projectNumber the project number (service agents are named after it)
 * @param region        the stack's region
 * @param zones         the three zones of the region the nodes and NEGs span (looked up, sorted)
 */
record GcpProject(String projectId, String projectNumber, String region, List<String> zones) {
    GcpProject {
        zones = List.copyOf(zones);
    }

    /** The e-mail of a Google-managed service agent, e.g. {@code container-engine-robot}. */
    String serviceAgent(String agent) {
        return "serviceAccount:service-" + projectNumber + "@" + agent + ".iam.gserviceaccount.com";
    }

    String workloadPool() {
        return projectId + ".svc.id.goog";
    }
}
