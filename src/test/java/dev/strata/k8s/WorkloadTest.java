package dev.strata.k8s;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workload as deployed by the whole program on both clouds' contract values. */
class WorkloadTest {

    private static Plan plan(String stack, Cloud cloud) {
        return Planner.plan(Fixtures.config(stack, cloud));
    }

    private static Plan plan(String stack, Cloud cloud, Map<String, String> overrides) {
        return Planner.plan(Fixtures.config(stack, cloud, overrides));
    }

    static PlannedResource k8s(Plan p, String kind, String name) {
        return p.resources().stream().filter(r -> kind.equals(r.props().get("kind")))
                .filter(r -> name.equals(map(r.props().get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Map<String, Object> at(Object root, String... path) {
        Object o = root;
        for (String p : path) {
            o = p.matches("\\d+") ? list(o).get(Integer.parseInt(p)) : map(o).get(p);
        }
        return map(o);
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void namespaceEnforcesRestrictedPodSecurityAndEverythingUsesTheClustersProvider(Cloud cloud) {
        var p = plan("dev", cloud);
        var ns = k8s(p, "Namespace", "strata");
        assertEquals("restricted", at(ns.props(), "metadata", "labels").get("pod-security.kubernetes.io/enforce"));
        var workload = p.ofType(Workload.TYPE).get(0);
        for (var r : p.childrenOf(workload.urn())) {
            assertTrue(r.provider() != null && p.byUrn(r.provider()).orElseThrow().type()
                    .equals("pulumi:providers:kubernetes"), r.name() + " uses the cluster's provider");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void deploymentsRollWithoutDowntimeAndAreLockedDown(String stack, Cloud cloud) {
        var p = plan(stack, cloud);
        for (String role : WorkloadSpec.ROLES) {
            var spec = map(k8s(p, "Deployment", role).props().get("spec"));
            assertFalse(spec.containsKey("replicas"), "the autoscaler owns the count");
            assertEquals(stack.equals("prod") ? 3 : 2,
                    num(map(k8s(p, "HorizontalPodAutoscaler", role).props().get("spec")).get("minReplicas")));
            assertEquals(0, num(at(spec, "strategy", "rollingUpdate").get("maxUnavailable")));
            assertEquals("50%", at(spec, "strategy", "rollingUpdate").get("maxSurge"));
            assertEquals(300, num(spec.get("progressDeadlineSeconds")));
            assertEquals(5, num(spec.get("revisionHistoryLimit")));
            var pod = at(spec, "template", "spec");
            assertEquals(false, pod.get("automountServiceAccountToken"));
            assertEquals(50, num(pod.get("terminationGracePeriodSeconds")), "preStop 25 + drain 20 + 5");
            var podSec = map(pod.get("securityContext"));
            assertEquals(true, podSec.get("runAsNonRoot"));
            assertEquals("RuntimeDefault", at(podSec, "seccompProfile").get("type"));
            var spreads = list(pod.get("topologySpreadConstraints"));
            assertEquals("topology.kubernetes.io/zone", map(spreads.get(0)).get("topologyKey"));
            assertEquals(stack.equals("prod") ? "DoNotSchedule" : "ScheduleAnyway",
                    map(spreads.get(0)).get("whenUnsatisfiable"));
            assertEquals("kubernetes.io/hostname", map(spreads.get(1)).get("topologyKey"));
            for (Object spread : spreads) {
                // a rollout's new pods spread among themselves, not against the old ReplicaSet's
                assertEquals(List.of("pod-template-hash"), map(spread).get("matchLabelKeys"));
            }

            var c = at(pod, "containers", "0");
            var sec = map(c.get("securityContext"));
            assertEquals(false, sec.get("allowPrivilegeEscalation"));
            assertEquals(true, sec.get("readOnlyRootFilesystem"));
            assertEquals(false, sec.get("privileged"));
            assertEquals(List.of("ALL"), at(sec, "capabilities").get("drop"));
            assertEquals(10001, num(sec.get("runAsUser")));
            assertEquals("/tmp", at(c, "volumeMounts", "0").get("mountPath"));
            assertEquals("http", at(c, "ports", "0").get("name"));
            assertEquals("http", at(c, "readinessProbe", "httpGet").get("port"));
            assertEquals("/health/ready", at(c, "readinessProbe", "httpGet").get("path"));
            assertEquals("/health/live", at(c, "livenessProbe", "httpGet").get("path"));
            assertEquals("/health/live", at(c, "startupProbe", "httpGet").get("path"));
            assertEquals(List.of("sleep", "25"), at(c, "lifecycle", "preStop", "exec").get("command"));
            assertEquals(Map.of("cpu", "250m", "memory", "512Mi"), at(c, "resources").get("requests"));
            assertEquals(Map.of("cpu", "1", "memory", "512Mi"), at(c, "resources").get("limits"));
        }
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void budgetsAutoscalersAndServicesPerRole(Cloud cloud) {
        var p = plan("prod", cloud);
        for (String role : WorkloadSpec.ROLES) {
            var pdb = map(k8s(p, "PodDisruptionBudget", role).props().get("spec"));
            assertEquals(1, num(pdb.get("maxUnavailable")));
            assertEquals("AlwaysAllow", pdb.get("unhealthyPodEvictionPolicy"), "a drain is not blocked by unready pods");
            var hpa = map(k8s(p, "HorizontalPodAutoscaler", role).props().get("spec"));
            assertEquals(3, num(hpa.get("minReplicas")));
            assertEquals(12, num(hpa.get("maxReplicas")));
            assertEquals(role, at(hpa, "scaleTargetRef").get("name"));
            var svc = map(k8s(p, "Service", role).props().get("spec"));
            assertEquals("ClusterIP", svc.get("type"), "no controller-made load balancer");
            assertEquals("http", at(svc, "ports", "0").get("targetPort"));
        }
    }

    @Test
    void awsAttachesServicesWithTargetGroupBindingsAndBindsTheIrsaRole() {
        var p = plan("dev", Cloud.AWS);
        for (String role : WorkloadSpec.ROLES) {
            var binding = map(k8s(p, "TargetGroupBinding", role).props().get("spec"));
            assertEquals(Map.of("name", role, "port", 8080.0), binding.get("serviceRef"));
            assertTrue(binding.get("targetGroupARN").toString().contains("edge-" + role));
            // no NEG annotation on AWS: only Pulumi's own skipAwait
            assertEquals(Map.of("pulumi.com/skipAwait", "true"), at(k8s(p, "Service", role).props(), "metadata", "annotations"));
        }
        var sa = at(k8s(p, "ServiceAccount", "strata").props(), "metadata", "annotations");
        assertTrue(sa.get("eks.amazonaws.com/role-arn").toString().startsWith("arn:aws:iam::123456789012:role/"));
        var pod = at(k8s(p, "Deployment", "api").props(), "spec", "template", "metadata", "annotations");
        assertEquals("true", pod.get("prometheus.io/scrape"));
    }

    @Test
    void gcpAttachesServicesWithStandaloneNegsAndBindsWorkloadIdentity() {
        var p = plan("dev", Cloud.GCP);
        for (String role : WorkloadSpec.ROLES) {
            var annotations = at(k8s(p, "Service", role).props(), "metadata", "annotations");
            assertEquals("{\"exposed_ports\":{\"8080\":{\"name\":\"strata-dev-" + role + "\"}}}",
                    annotations.get("cloud.google.com/neg"));
            var monitoring = map(k8s(p, "PodMonitoring", role).props().get("spec"));
            assertEquals("/metrics", at(monitoring, "endpoints", "0").get("path"));
            // the backend service uses the zonal NEGs of that name
            var backend = p.resources().stream().filter(r -> r.type().equals("gcp:compute/backendService:BackendService")
                    && r.name().endsWith("-" + role)).findFirst().orElseThrow();
            assertTrue(backend.props().get("backends").toString().contains("networkEndpointGroups/strata-dev-" + role));
        }
        var sa = at(k8s(p, "ServiceAccount", "strata").props(), "metadata", "annotations");
        assertTrue(sa.get("iam.gke.io/gcp-service-account").toString().endsWith("@strata-dev-4711.iam.gserviceaccount.com"));
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void networkPoliciesDenyByDefaultAndOpenOnlyTheTiers(Cloud cloud) {
        var p = plan("dev", cloud);
        var deny = map(k8s(p, "NetworkPolicy", "deny-all").props().get("spec"));
        assertEquals(Map.of(), deny.get("podSelector"));
        assertEquals(List.of("Ingress", "Egress"), deny.get("policyTypes"));
        assertEquals(53, num(at(k8s(p, "NetworkPolicy", "allow-dns").props(), "spec", "egress", "0", "ports", "0")
                .get("port")));
        var apiIngress = at(k8s(p, "NetworkPolicy", "api-ingress").props(), "spec", "ingress", "0");
        var peers = list(apiIngress.get("from")).toString();
        assertTrue(peers.contains(cloud == Cloud.AWS ? "10.40.216.0/22" : "35.191.0.0/16"), peers);
        assertFalse(peers.contains("10.40.0.0/16"), "never the whole VPC, which holds every pod: " + peers);
        assertTrue(peers.contains("app.kubernetes.io/component=web"), "web -> api: " + peers);
        var webIngress = list(at(k8s(p, "NetworkPolicy", "web-ingress").props(), "spec", "ingress", "0").get("from"));
        assertTrue(webIngress.stream().allMatch(peer -> map(peer).containsKey("ipBlock")), "web only from the LB");
        var db = at(k8s(p, "NetworkPolicy", "api-to-database").props(), "spec", "egress", "0");
        assertEquals(5432, num(at(db, "ports", "0").get("port")));
        assertTrue(list(db.get("to")).toString().contains(cloud == Cloud.AWS ? "10.40.204.0/22" : "10.40.32.0/20"),
                db.toString());
        // GCP adds per role the managed collectors' ingress (web, api) and the Cloud SQL connector's egress (api, migrate)
        assertEquals(8 + (cloud == Cloud.GCP ? 4 : 0),
                p.resources().stream().filter(r -> "NetworkPolicy".equals(r.props().get("kind"))).count());
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void credentialsComeFromTheSecretAndTheMigrationJobRunsFirst(Cloud cloud) {
        var p = plan("dev", cloud);
        var secret = k8s(p, "Secret", "database").props();
        assertEquals("[secret]", secret.get("stringData"), "the whole payload is secret");
        var env = list(at(k8s(p, "Deployment", "api").props(), "spec", "template", "spec", "containers", "0")
                .get("env"));
        assertTrue(env.toString().contains("secretKeyRef={key=DATABASE_PASSWORD, name=database}"), env.toString());
        var webEnv = list(at(k8s(p, "Deployment", "web").props(), "spec", "template", "spec", "containers", "0")
                .get("env")).toString();
        assertFalse(webEnv.contains("DATABASE_PASSWORD"), "web never sees the database");
        var job = p.resources().stream().filter(r -> "Job".equals(r.props().get("kind"))).findFirst().orElseThrow();
        assertTrue(map(job.props().get("metadata")).get("name").toString().matches("migrate-[0-9a-f]{10}"));
        var jobEnv = list(at(job.props(), "spec", "template", "spec", "containers", "0").get("env")).toString();
        assertTrue(jobEnv.contains("MIGRATE_ONLY"));
        assertEquals("Never", at(job.props(), "spec", "template", "spec").get("restartPolicy"));
    }

    @Test
    void anyHttpServiceRunsTheSameWay() {
        // the "unstable service" brief: port 3000, its own health paths, no migrations, its own env
        var p = plan("dev", Cloud.AWS, Map.of("appImage", "unstable/app@sha256:" + "b".repeat(64), "appPort", "3000",
                "appLivenessPath", "/health/live", "appReadinessPath", "/health/ready", "appMigrationJob", "false",
                "appEnv", "{\"CRASH_RATE\":\"0.01\",\"STARTUP_DELAY_MS\":15000}"));
        var c = at(k8s(p, "Deployment", "api").props(), "spec", "template", "spec", "containers", "0");
        assertEquals("unstable/app@sha256:" + "b".repeat(64), c.get("image"));
        assertEquals(3000, num(at(c, "ports", "0").get("containerPort")));
        assertTrue(list(c.get("env")).toString().contains("CRASH_RATE"));
        assertEquals(Map.of("CRASH_RATE", "0.01", "STARTUP_DELAY_MS", "15000", "API_URL",
                "http://api.strata.svc.cluster.local:3000"), k8s(p, "ConfigMap", "settings").props().get("data"));
        assertTrue(p.resources().stream().noneMatch(r -> "Job".equals(r.props().get("kind"))),
                "no migration Job for an image without migrations");
        assertEquals(3000, num(at(k8s(p, "TargetGroupBinding", "api").props(), "spec", "serviceRef").get("port")));
        var tg = p.resources().stream().filter(r -> r.type().equals("aws:lb/targetGroup:TargetGroup")).findFirst()
                .orElseThrow();
        assertEquals(3000, num(tg.props().get("port")));
    }

    @Test
    void theWorkloadCodeHasNoCloudBranch() throws Exception {
        var dir = Fixtures.projectDir().resolve("src/main/java/dev/strata/k8s");
        try (var files = Files.list(dir)) {
            for (var f : files.toList()) {
                String text = Files.readString(f);
                for (String forbidden : List.of("dev.strata.aws", "dev.strata.gcp", "com.pulumi.aws", "com.pulumi.gcp",
                        "Cloud.", "cloud()")) {
                    assertFalse(text.contains(forbidden), f.getFileName() + " mentions " + forbidden);
                }
            }
        }
        Set<String> kinds = plan("dev", Cloud.GCP).resources().stream().map(r -> String.valueOf(r.props().get("kind")))
                .collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "NetworkPolicy", "Namespace", "ServiceAccount", "ConfigMap", "Secret", "Job")));
    }
}
