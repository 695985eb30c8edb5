package dev.strata.config;

/**
 * The workload: any containerised HTTP service with health endpoints runs through these settings.
 *
 * @param image         image reference, {@code repository:tag} or {@code repository@sha256:<digest>}
 * @param replicas      replicas per Deployment (and the autoscaler's lower bound)
 * @param maxReplicas   the autoscaler's upper bound
 * @param port          container port the service listens on
 * @param livenessPath  HTTP path of the liveness (and startup) probe
 * @param readinessPath HTTP path of the readiness probe
 * @param cpuRequest    Kubernetes CPU request, e.g. {@code 250m}
 * @param memoryRequest Kubernetes memory request, e.g. {@code 512Mi}
 * @param cpuLimit      Kubernetes CPU limit
 * @param memoryLimit   Kubernetes memory limit
 * @param env           extra environment variables of the containers, sorted by name
 * @param migrationJob  run the image once with {@code MIGRATE_ONLY=true} before each rollout
 * @param secretEnv     {@code env} was set as a secret ({@code pulumi config set --secret --path appEnv.NAME}):
 *                      the workload keeps it in a Kubernetes Secret, never in a ConfigMap
 * @param drainSeconds  seconds the service gets after SIGTERM to finish in-flight requests ({@code DRAIN_SECONDS});
 *                      the one setting the rollout timing chain is derived from ({@code platform.RolloutTiming})
 */
public record AppConfig(String image, int replicas, int maxReplicas, int port, String livenessPath,
                        String readinessPath, String cpuRequest, String memoryRequest, String cpuLimit,
                        String memoryLimit, java.util.SortedMap<String, String> env, boolean migrationJob,
                        boolean secretEnv, int drainSeconds) {

    public AppConfig {
        env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
    }

    /** True when the image is pinned by content digest rather than by a mutable tag. */
    public boolean pinnedByDigest() {
        return image.contains("@sha256:");
    }
}
