package dev.strata.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workload's Kubernetes objects as plain maps (field names as in the Kubernetes API), built without
 * the engine so they can be unit-tested and validated against the Kubernetes schema. Values that come
 * from other resources are passed in as already-resolved strings or left to the caller.
 */
public final class Manifests {
    private Manifests() {
    }

    static Map<String, Object> metadata(String name, String namespace, Map<String, String> labels,
                                        Map<String, ?> annotations) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        m.put("labels", labels);
        if (!annotations.isEmpty()) {
            m.put("annotations", annotations);
        }
        return m;
    }

    /** Pod Security Admission: the restricted profile enforced, audited and warned; plus the cloud's labels. */
    static Map<String, String> namespaceLabels(WorkloadSpec s, Map<String, String> cloudLabels) {
        var m = new java.util.TreeMap<String, String>(cloudLabels);
        m.putAll(Map.of("pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/warn", "restricted",
                "app.kubernetes.io/part-of", s.partOf()));
        return m;
    }

    /**
     * What the migration Job asks of the image: {@code MIGRATE_ONLY=true} with {@code MIGRATE_DB_USER}/
     * {@code MIGRATE_DB_PASSWORD} (the master) applies the migrations and creates the application role
     * {@code DATABASE_USER}. Part of the Job's name: change it when the Job's pod changes shape, so the Job is replaced
     * (its pod template is immutable) and runs again.
     */
    static final String MIGRATION_CONTRACT = "MIGRATE_ONLY+MIGRATE_DB_USER";
    /** pulumi-kubernetes' annotation that turns its readiness await off for one object. */
    static final String SKIP_AWAIT = "pulumi.com/skipAwait";
    /** The migration Job's own deadline; Pulumi's await outlasts it ({@link Workload}), so the Job decides. */
    static final int MIGRATION_DEADLINE_SECONDS = 600;

    /** The container of one role (or of the migration job when {@code role} is "migrate"). */
    static Map<String, Object> container(WorkloadSpec s, String role, List<Map<String, Object>> env,
                                         boolean probes) {
        var app = s.app();
        var c = new LinkedHashMap<String, Object>();
        c.put("name", role);
        c.put("image", app.image());
        c.put("imagePullPolicy", "IfNotPresent");
        var ports = new ArrayList<Map<String, Object>>();
        ports.add(Map.of("name", WorkloadSpec.PORT_NAME, "containerPort", app.port(), "protocol", "TCP"));
        if (probes) {
            ports.add(Map.of("name", WorkloadSpec.METRICS_PORT_NAME, "containerPort", WorkloadSpec.METRICS_PORT,
                    "protocol", "TCP"));
        }
        c.put("ports", ports);
        c.put("env", env);
        c.put("resources", Map.of(
                "requests", Map.of("cpu", app.cpuRequest(), "memory", app.memoryRequest()),
                "limits", Map.of("cpu", app.cpuLimit(), "memory", app.memoryLimit())));
        c.put("securityContext", containerSecurity());
        c.put("volumeMounts", List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
        if (probes) {
            // startup: up to 60 s to boot; liveness only after startup; readiness gates traffic
            c.put("startupProbe", probe(app.livenessPath(), 2, 1, 30));
            c.put("readinessProbe", probe(app.readinessPath(), 5, 2, 2));
            c.put("livenessProbe", probe(app.livenessPath(), 10, 2, 3));
            c.put("lifecycle", Map.of("preStop", Map.of("exec", Map.of("command",
                    List.of("sleep", String.valueOf(s.timing().preStopSeconds()))))));
        }
        return c;
    }

    static Map<String, Object> probe(String path, int period, int timeout, int failures) {
        return Map.of("httpGet", Map.of("path", path, "port", WorkloadSpec.PORT_NAME),
                "periodSeconds", period, "timeoutSeconds", timeout, "failureThreshold", failures,
                "successThreshold", 1);
    }

    static Map<String, Object> containerSecurity() {
        return Map.of("runAsNonRoot", true, "runAsUser", WorkloadSpec.UID, "runAsGroup", WorkloadSpec.UID,
                "allowPrivilegeEscalation", false, "privileged", false, "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    static Map<String, Object> podSecurity() {
        return Map.of("runAsNonRoot", true, "runAsUser", WorkloadSpec.UID, "runAsGroup", WorkloadSpec.UID,
                "fsGroup", WorkloadSpec.UID, "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    /** The pod template shared by the Deployments and the migration Job. */
    static Map<String, Object> podSpec(WorkloadSpec s, String role, String serviceAccount,
                                       List<Map<String, Object>> env, boolean serving) {
        var pod = new LinkedHashMap<String, Object>();
        pod.put("serviceAccountName", serviceAccount);
        pod.put("automountServiceAccountToken", false);
        pod.put("enableServiceLinks", false);
        pod.put("securityContext", podSecurity());
        pod.put("containers", List.of(container(s, role, env, serving)));
        pod.put("volumes", List.of(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "64Mi"))));
        if (serving) {
            pod.put("terminationGracePeriodSeconds", s.timing().terminationGraceSeconds());
            pod.put("topologySpreadConstraints", List.of(
                    spread(s, role, "topology.kubernetes.io/zone", s.prod() ? "DoNotSchedule" : "ScheduleAnyway"),
                    spread(s, role, "kubernetes.io/hostname", "ScheduleAnyway")));
        } else {
            pod.put("restartPolicy", "Never");
        }
        return pod;
    }

    static Map<String, Object> spread(WorkloadSpec s, String role, String key, String when) {
        // matchLabelKeys pod-template-hash: only the pods of the same ReplicaSet count, so that a rolling update's
        // surge is spread by itself instead of against the old pods it replaces (Kubernetes docs "Pod Topology
        // Spread Constraints", matchLabelKeys; beta and on by default since 1.27)
        return Map.of("maxSkew", 1, "topologyKey", key, "whenUnsatisfiable", when,
                "labelSelector", Map.of("matchLabels", s.selector(role)),
                "matchLabelKeys", List.of("pod-template-hash"));
    }

    static Map<String, Object> deploymentSpec(WorkloadSpec s, String role, String serviceAccount,
                                              List<Map<String, Object>> env, Map<String, String> podAnnotations) {
        // no spec.replicas: the HorizontalPodAutoscaler (minReplicas = strata:replicas) owns the count. A replica count
        // in the applied manifest would make Pulumi's field manager co-own the field, and with server-side apply
        // the next update after a scale conflicts with the controller manager's scale subresource (Kubernetes docs
        // "Horizontal Pod Autoscaling: Migrating Deployments and StatefulSets to horizontal autoscaling";
        // pulumi-kubernetes#2569, fixed only in provider 4.3.0, and this project's SDK pins provider 4.0.0)
        var spec = new LinkedHashMap<String, Object>();
        spec.put("revisionHistoryLimit", 5);
        spec.put("progressDeadlineSeconds", 300);
        // a new pod counts as available only once the load balancer's health check can have passed
        spec.put("minReadySeconds", s.timing().minReadySeconds());
        spec.put("selector", Map.of("matchLabels", s.selector(role)));
        spec.put("strategy", Map.of("type", "RollingUpdate",
                "rollingUpdate", Map.of("maxUnavailable", 0, "maxSurge", "50%")));
        spec.put("template", Map.of(
                "metadata", metadata(null, null, s.labels(role), podAnnotations),
                "spec", podSpec(s, role, serviceAccount, env, true)));
        return spec;
    }

    static Map<String, Object> serviceSpec(WorkloadSpec s, String role) {
        return Map.of("type", "ClusterIP", "selector", s.selector(role),
                "ports", List.of(Map.of("name", WorkloadSpec.PORT_NAME, "port", s.app().port(),
                        "targetPort", WorkloadSpec.PORT_NAME, "protocol", "TCP")));
    }

    static Map<String, Object> podDisruptionBudgetSpec(WorkloadSpec s, String role) {
        // AlwaysAllow: pods that are not ready (all of them while the database is unreachable) may still be evicted,
        // so that a node drain or node group upgrade does not stall on a budget no ready pod can satisfy
        // (Kubernetes docs "Specifying a Disruption Budget: Unhealthy Pod Eviction Policy", GA in 1.31)
        return Map.of("maxUnavailable", 1, "selector", Map.of("matchLabels", s.selector(role)),
                "unhealthyPodEvictionPolicy", "AlwaysAllow");
    }

    static Map<String, Object> autoscalerSpec(WorkloadSpec s, String deployment) {
        return Map.of(
                "scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", deployment),
                "minReplicas", s.app().replicas(),
                "maxReplicas", s.app().maxReplicas(),
                "metrics", List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                        "target", Map.of("type", "Utilization", "averageUtilization", 70)))),
                "behavior", Map.of(
                        "scaleUp", Map.of("stabilizationWindowSeconds", 0, "policies", List.of(
                                Map.of("type", "Percent", "value", 100, "periodSeconds", 30))),
                        "scaleDown", Map.of("stabilizationWindowSeconds", 300, "policies", List.of(
                                Map.of("type", "Pods", "value", 1, "periodSeconds", 60)))));
    }

    /**
     * The migration step: the image with {@code MIGRATE_ONLY=true}, which migrates the schema and creates the
     * application role ({@link Workload}). No {@code ttlSecondsAfterFinished}: the Job object is Pulumi's to delete
     * (a TTL deletes it behind Pulumi's back, and every {@code up} would recreate it); one Job per image, so a new
     * image migrates again. Six retries, started 10, 20, 40, 80, 160 s ... apart (Kubernetes' pod failure back-off):
     * a first deploy whose new cloud identity grant is still propagating (GCP IAM: usually within a few minutes)
     * gets about five minutes before the Job fails; the deadline bounds the whole.
     */
    static Map<String, Object> migrationJobSpec(WorkloadSpec s, String serviceAccount,
                                                List<Map<String, Object>> migrateEnv) {
        return Map.of(
                "backoffLimit", 6,
                "activeDeadlineSeconds", MIGRATION_DEADLINE_SECONDS,
                "template", Map.of("metadata", metadata(null, null, s.labels("migrate"), Map.of()),
                        "spec", podSpec(s, "migrate", serviceAccount, migrateEnv, false)));
    }

    /** Default deny for every pod of the namespace, both directions. */
    static Map<String, Object> denyAll() {
        return Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress"));
    }

    static Map<String, Object> allowDns() {
        var dnsPods = Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")));
        return Map.of("podSelector", Map.of(), "policyTypes", List.of("Egress"),
                "egress", List.of(Map.of("to", List.of(dnsPods), "ports", List.of(
                        Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53)))));
    }

    /** Ingress of one role: from the load balancer ranges and from the given roles, on the app port. */
    static Map<String, Object> allowIngress(WorkloadSpec s, String role, List<String> lbCidrs, List<String> fromRoles) {
        var peers = new ArrayList<Object>();
        lbCidrs.forEach(c -> peers.add(Map.of("ipBlock", Map.of("cidr", c))));
        fromRoles.forEach(r -> peers.add(Map.of("podSelector", Map.of("matchLabels", s.selector(r)))));
        return Map.of("podSelector", Map.of("matchLabels", s.selector(role)), "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", peers, "ports", List.of(
                        Map.of("protocol", "TCP", "port", s.app().port())))));
    }

    /** Ingress of the serving pods' metrics port from the cloud's scraper only. */
    static Map<String, Object> allowMetrics(WorkloadSpec s, List<Map<String, Object>> scraperPeers) {
        // every pod of the workload: only the serving ones listen on the metrics port
        return Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", s.partOf())),
                "policyTypes", List.of("Ingress"),
                "ingress", List.of(Map.of("from", scraperPeers, "ports", List.of(
                        Map.of("protocol", "TCP", "port", WorkloadSpec.METRICS_PORT)))));
    }

    /** Egress of one role to another role's pods on the app port. */
    static Map<String, Object> allowToRole(WorkloadSpec s, String role, String toRole) {
        return Map.of("podSelector", Map.of("matchLabels", s.selector(role)), "policyTypes", List.of("Egress"),
                "egress", List.of(Map.of("to", List.of(Map.of("podSelector", Map.of("matchLabels",
                        s.selector(toRole)))), "ports", List.of(Map.of("protocol", "TCP", "port", s.app().port())))));
    }

    /** Egress of one role to the database ranges on 5432. */
    static Map<String, Object> allowToDatabase(WorkloadSpec s, String role, List<String> dbCidrs) {
        var peers = dbCidrs.stream().map(c -> (Object) Map.of("ipBlock", Map.of("cidr", c))).toList();
        return Map.of("podSelector", Map.of("matchLabels", s.selector(role)), "policyTypes", List.of("Egress"),
                "egress", List.of(Map.of("to", peers, "ports", List.of(Map.of("protocol", "TCP", "port", 5432)))));
    }

    /** A short, stable digest of a value, to name per-version objects (the migration Job). */
    static String shortHash(String value) {
        try {
            var d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
