package dev.strata.k8s;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Items 17-20 of issue 12 on both clouds: the workload as the whole program deploys it. */
class WorkloadReadinessTest {
    private static final Map<Cloud, Plan> PLANS = new EnumMap<>(Cloud.class);

    private static synchronized Plan plan(Cloud cloud) {
        return PLANS.computeIfAbsent(cloud, c -> Planner.plan(Fixtures.config("dev", c)));
    }

    private static PlannedResource k8s(Plan p, String kind, String name) {
        return WorkloadTest.k8s(p, kind, name);
    }

    private static PlannedResource job(Plan p) {
        return p.resources().stream().filter(r -> "Job".equals(r.props().get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> podOf(PlannedResource r) {
        return map(map(map(r.props().get("spec")).get("template")).get("spec"));
    }

    private static String envOf(Map<String, Object> container) {
        return list(container.get("env")).toString();
    }

    /** Item 17: no TTL deleting the Job behind Pulumi's back. (Its ordering: see the dependency test.) */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theMigrationJobIsNeverDeletedBehindPulumisBack(Cloud cloud) {
        var spec = map(job(plan(cloud)).props().get("spec"));
        assertFalse(spec.containsKey("ttlSecondsAfterFinished"), "a TTL is drift on every up");
        // retries cover a new cloud identity grant that is still propagating, within the deadline
        assertEquals(6, num(spec.get("backoffLimit")));
        assertEquals(600, num(spec.get("activeDeadlineSeconds")));
    }

    /** Item 17: on the first deploy the Job starts only after everything it reads exists. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theMigrationJobWaitsForEverythingItReads(Cloud cloud) {
        var p = plan(cloud);
        var job = job(p);
        for (String[] input : List.of(new String[] {"ConfigMap", "settings"},
                new String[] {"Secret", "database"}, new String[] {"Secret", "database-admin"},
                new String[] {"ServiceAccount", "strata"}, new String[] {"ServiceAccount", "migrate"},
                new String[] {"NetworkPolicy", "migrate-to-database"}, new String[] {"NetworkPolicy", "allow-dns"},
                new String[] {"NetworkPolicy", "deny-all"})) {
            assertTrue(job.dependsOn(k8s(p, input[0], input[1]).urn()), "the Job waits for " + String.join(" ", input));
        }
        assertTrue(job.options().deleteBeforeReplace(), "one Job name per image: the old one goes first");
        for (String role : WorkloadSpec.ROLES) {
            assertTrue(k8s(p, "Deployment", role).dependsOn(job.urn()), role + " rolls out after the migration");
        }
    }

    /**
     * Item 11: the autoscaler owns the replica count. The Deployment sets none at all: with server-side apply, a
     * replica count Pulumi applied (even under ignoreChanges, on provider 4.0.0) conflicts with the scale
     * subresource's manager after the first scale (pulumi-kubernetes#2569).
     */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theReplicaCountIsLeftToTheAutoscaler(Cloud cloud) {
        var p = plan(cloud);
        for (String role : WorkloadSpec.ROLES) {
            var d = k8s(p, "Deployment", role);
            assertFalse(map(d.props().get("spec")).containsKey("replicas"), role + ": " + d.props());
            assertEquals(List.of(), d.options().ignoreChanges());
            var hpa = map(k8s(p, "HorizontalPodAutoscaler", role).props().get("spec"));
            assertEquals(2, num(hpa.get("minReplicas")), "dev's strata:replicas");
            assertEquals("Deployment", map(hpa.get("scaleTargetRef")).get("kind"));
            assertEquals(role, map(hpa.get("scaleTargetRef")).get("name"));
        }
    }

    /**
     * The Services are not awaited: pulumi-kubernetes awaits a Service with a selector until a ready pod backs it
     * (pulumi-kubernetes#1974), and the pods come after the Service (through its load balancer attachments), so an
     * awaited Service would fail the first up. Every other workload object keeps the provider's await.
     */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theServicesAreNotAwaitedBecauseTheirPodsComeAfterThem(Cloud cloud) {
        var p = plan(cloud);
        for (String role : WorkloadSpec.ROLES) {
            var service = k8s(p, "Service", role);
            assertEquals("true", map(map(service.props().get("metadata")).get("annotations")).get("pulumi.com/skipAwait"));
            assertTrue(k8s(p, "Deployment", role).dependsOn(service.urn())
                    || p.resources().stream().anyMatch(r -> r.dependsOn(service.urn())
                    && k8s(p, "Deployment", role).dependsOn(r.urn())), role + ": the pods come after the Service");
            var deployment = map(k8s(p, "Deployment", role).props().get("metadata"));
            assertFalse(String.valueOf(deployment.get("annotations")).contains("skipAwait"), "the rollout is awaited");
        }
    }

    /** The migration Job's own deadline decides its outcome: Pulumi's await (10 minutes by default) outlasts it. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theJobsAwaitOutlastsItsDeadline(Cloud cloud) {
        var job = job(plan(cloud));
        var deadline = num(map(job.props().get("spec")).get("activeDeadlineSeconds"));
        assertEquals(600, deadline);
        // Pulumi Java hands the engine Go duration strings in nanoseconds: 15 minutes
        assertEquals("900000000000ns", job.options().customTimeouts().get("create"));
        assertEquals("900000000000ns", job.options().customTimeouts().get("update"));
    }

    /** Item 7, directly: every workload object lists the platform's readyForWorkloads in its dependencies. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void everyWorkloadObjectDependsOnTheReadyForWorkloadsSet(Cloud cloud) {
        var p = plan(cloud);
        var ready = p.resources().stream().filter(r -> cloud == Cloud.AWS
                ? r.urn().contains("strata:aws:AwsClusterAddons$") && !r.isComponent()
                && !r.type().startsWith("aws:iam/") && !r.type().startsWith("aws:vpc/")
                && !r.type().startsWith("aws:ec2/") && !r.type().equals("aws:amp/workspace:Workspace")
                : r.type().equals("gcp:container/nodePool:NodePool") || r.type().equals("gcp:container/cluster:Cluster"))
                .map(PlannedResource::urn).toList();
        assertFalse(ready.isEmpty());
        var workload = p.resources().stream().filter(r -> r.urn().contains("strata:k8s:Workload$")
                && r.type().startsWith("kubernetes:")).toList();
        for (var object : workload) {
            assertTrue(object.dependencies().containsAll(ready), object.name() + " lacks some of " + ready);
        }
    }

    /** Item 18: DRAIN_SECONDS is wired, and grace, preStop and drain come from the same setting. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theDrainTimeIsWiredToTheAppFromTheOneSetting(Cloud cloud) {
        var cfg = Fixtures.config("dev", cloud, Map.of("appDrainSeconds", "40"));
        var p = Planner.plan(cfg);
        for (String role : WorkloadSpec.ROLES) {
            var pod = podOf(k8s(p, "Deployment", role));
            var c = map(list(pod.get("containers")).get(0));
            assertTrue(envOf(c).contains("{name=DRAIN_SECONDS, value=40}"), envOf(c));
            assertEquals(List.of("sleep", "45"), map(map(map(c.get("lifecycle")).get("preStop")).get("exec"))
                    .get("command"));
            assertEquals(45 + 40 + 5, num(pod.get("terminationGracePeriodSeconds")));
        }
    }

    /** Item 19: /metrics on its own port, which no Service exposes and only the scraper may reach. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void metricsAreServedOnAPortNoServiceExposes(Cloud cloud) {
        var p = plan(cloud);
        for (String role : WorkloadSpec.ROLES) {
            var c = map(list(podOf(k8s(p, "Deployment", role)).get("containers")).get(0));
            assertTrue(envOf(c).contains("{name=METRICS_PORT, value=9464}"), envOf(c));
            assertTrue(list(c.get("ports")).toString().contains("containerPort=9464"));
            var ports = list(map(k8s(p, "Service", role).props().get("spec")).get("ports"));
            assertEquals(1, ports.size());
            assertEquals(Fixtures.config("dev", cloud).app().port(), num(map(ports.get(0)).get("port")));
        }
        var metrics = map(k8s(p, "NetworkPolicy", "metrics-ingress").props().get("spec"));
        var from = list(map(list(metrics.get("ingress")).get(0)).get("from"));
        assertFalse(from.isEmpty(), "only the cloud's scraper");
        assertFalse(from.toString().contains("podSelector={}"), from.toString());
        // the load balancer's ingress rules stay on the app port
        var web = map(list(map(k8s(p, "NetworkPolicy", "web-ingress").props().get("spec")).get("ingress")).get(0));
        assertFalse(web.get("ports").toString().contains("9464"));
        if (cloud == Cloud.GCP) {
            var monitoring = p.resources().stream().filter(r -> "PodMonitoring".equals(r.props().get("kind")))
                    .findFirst().orElseThrow();
            assertTrue(monitoring.props().get("spec").toString().contains("port=metrics"));
        }
    }

    /** The master's Secret holds only the migration role: the URL and the application role are the api's. */
    @org.junit.jupiter.api.Test
    void theAdminSecretHoldsOnlyTheMasterLogin() {
        var db = new dev.strata.platform.DatabaseConnection(com.pulumi.core.Output.of("db.internal"),
                com.pulumi.core.Output.of(5432), "counter",
                new dev.strata.platform.DatabaseCredentials("owner", com.pulumi.core.Output.of("pw1"),
                        com.pulumi.core.Output.of("ref1")),
                new dev.strata.platform.DatabaseCredentials("counter_app", com.pulumi.core.Output.of("pw2"),
                        com.pulumi.core.Output.of("ref2")));
        assertEquals(List.of("MIGRATE_DB_USER", "MIGRATE_DB_PASSWORD"),
                List.copyOf(Workload.adminSecretData(db).keySet()));
    }

    /** appMigrationJob=false: no Job, and the master credentials never enter the cluster. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void withoutAMigrationJobTheMasterNeverEntersTheCluster(Cloud cloud) {
        var p = Planner.plan(Fixtures.config("dev", cloud, Map.of("appMigrationJob", "false")));
        assertTrue(p.resources().stream().noneMatch(r -> "Job".equals(r.props().get("kind"))));
        assertTrue(p.resources().stream().noneMatch(r -> "database-admin".equals(r.props().get("metadata") == null
                ? null : map(r.props().get("metadata")).get("name"))), "no admin Secret");
        assertTrue(p.resources().stream().noneMatch(r -> "ServiceAccount".equals(r.props().get("kind"))
                && "migrate".equals(map(r.props().get("metadata")).get("name"))), "no migration identity in use");
        assertTrue(p.resources().stream().noneMatch(r -> r.name().contains("-migrate-") && (r.type().startsWith("gcp:")
                || r.type().startsWith("aws:"))), "no cloud identity for a Job that does not exist");
    }

    /** Item 20: the api pods log in as the application role; only the migration step holds the master. */
    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theApiConnectsAsTheLeastPrivilegeApplicationRole(Cloud cloud) {
        var p = plan(cloud);
        var api = map(list(podOf(k8s(p, "Deployment", "api")).get("containers")).get(0));
        assertTrue(envOf(api).contains("secretKeyRef={key=DATABASE_USER, name=database}"));
        assertFalse(envOf(api).contains("database-admin"), "the api never sees the master");
        // one step, the image itself: it migrates as the master (MIGRATE_DB_USER), then creates the application role
        // it is handed (DATABASE_USER) over the api's own database path; no second client image, no SQL of its own
        var jobPod = podOf(job(p));
        assertFalse(jobPod.containsKey("initContainers"));
        var containers = list(jobPod.get("containers"));
        assertEquals(1, containers.size());
        var migrate = map(containers.get(0));
        assertEquals(Fixtures.config("dev", cloud).app().image(), migrate.get("image"));
        assertTrue(envOf(migrate).contains("{name=MIGRATE_ONLY, value=true}"));
        for (String key : List.of("MIGRATE_DB_USER", "MIGRATE_DB_PASSWORD")) {
            assertTrue(envOf(migrate).contains("secretKeyRef={key=" + key + ", name=database-admin}"), key);
        }
        for (String key : List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD")) {
            assertTrue(envOf(migrate).contains("secretKeyRef={key=" + key + ", name=database}"), key);
        }
        assertEquals("migrate", jobPod.get("serviceAccountName"));
        assertEquals(Map.of("runAsNonRoot", true), Map.of("runAsNonRoot", map(migrate.get("securityContext"))
                .get("runAsNonRoot")));
        assertTrue(p.resources().stream().noneMatch(r -> "ConfigMap".equals(r.props().get("kind"))
                && !"settings".equals(map(r.props().get("metadata")).get("name"))), "no SQL shipped beside the image");
        assertEquals("[secret]", k8s(p, "Secret", "database").props().get("stringData"));
        assertEquals("[secret]", k8s(p, "Secret", "database-admin").props().get("stringData"));
        // the cloud keeps the application role's credentials like the master's, and the pods' identity reads only them
        String secretType = cloud == Cloud.AWS ? "aws:secretsmanager/secret:Secret" : "gcp:secretmanager/secret:Secret";
        assertEquals(2, p.ofType(secretType).stream().filter(r -> r.name().contains("credentials")).count());
        if (cloud == Cloud.AWS) {
            var read = p.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                    .filter(r -> r.name().endsWith("read-credentials")).findFirst().orElseThrow();
            var appSecret = p.ofType(secretType).stream().filter(r -> r.name().endsWith("app-credentials"))
                    .findFirst().orElseThrow();
            String policy = (String) read.props().get("policy");
            assertTrue(policy.contains(appSecret.name()), policy);
            assertFalse(policy.contains("database-credentials"), policy);
        }
    }
}
