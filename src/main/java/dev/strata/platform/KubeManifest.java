package dev.strata.platform;

import java.util.Map;

/**
 * A Kubernetes object the platform hands to the workload to create in its namespace (a
 * TargetGroupBinding, a PodMonitoring). The workload adds the namespace, labels and ownership.
 *
 * @param fields top-level fields besides apiVersion, kind and metadata; values may be {@code Output}s
 */
public record KubeManifest(String apiVersion, String kind, String name, Map<String, Object> fields) {
}
