package dev.strata.k8s;

import dev.strata.config.AppConfig;

import java.util.Map;
import java.util.TreeMap;

/**
 * The plain facts the manifests are built from: what to run (from config) and where (namespace,
 * labels). Pure data, so {@link Manifests} is testable without the engine.
 *
 * @param namespace Kubernetes namespace of the workload
 * @param partOf    the {@code app.kubernetes.io/part-of} label (project)
 * @param prod      prod spreads pods strictly across zones
 */
public record WorkloadSpec(String namespace, String partOf, AppConfig app, boolean prod) {
    /** The roles the counter image runs in, each its own Deployment and Service. */
    public static final java.util.List<String> ROLES = java.util.List.of("web", "api");
    public static final String PORT_NAME = "http";
    /** The metrics port: only the cloud's scraper reaches it; no Service exposes it ({@code METRICS_PORT}). */
    public static final int METRICS_PORT = 9464;
    public static final String METRICS_PORT_NAME = "metrics";
    public static final String METRICS_PATH = "/metrics";
    /** Fixed non-root identity of every container. */
    public static final int UID = 10001;

    /** The rollout timing chain, derived from the one drain setting. */
    public dev.strata.platform.RolloutTiming timing() {
        return new dev.strata.platform.RolloutTiming(app.drainSeconds());
    }

    /** Labels that select the pods of one role. */
    public Map<String, String> selector(String role) {
        return Map.of("app.kubernetes.io/name", partOf, "app.kubernetes.io/component", role);
    }

    /** All labels of objects of one role. */
    public Map<String, String> labels(String role) {
        var m = new TreeMap<>(selector(role));
        m.put("app.kubernetes.io/part-of", partOf);
        m.put("app.kubernetes.io/managed-by", "pulumi");
        return m;
    }
}
