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
    /** Fixed non-root identity of every container. */
    public static final int UID = 10001;
    /** Seconds the preStop hook waits, so endpoints and load balancers stop sending before shutdown. */
    public static final int PRE_STOP_SECONDS = 5;
    /** Seconds the application may take to drain in-flight requests after SIGTERM. */
    public static final int APP_DRAIN_SECONDS = 20;
    /** Grace period: preStop + drain + margin; Kubernetes kills the container after it. */
    public static final int TERMINATION_GRACE_SECONDS = PRE_STOP_SECONDS + APP_DRAIN_SECONDS + 10;

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
