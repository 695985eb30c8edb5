package dev.strata.gcp;

import dev.strata.Infra;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.plan.EnginePlans;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cloud SQL access path of the whole GCP program. The instance requires client certificates (requireSsl in
 * com.pulumi:gcp 7.0.0) and admits only the Cloud SQL connectors (connectorEnforcement REQUIRED), so a client that
 * dials the private IP (psql, a JDBC URL with the host) is refused, and with it the migration Job and every rollout.
 * Every container of the workload that reaches the database must go through the Cloud SQL Java connector, as a
 * Kubernetes ServiceAccount bound to a Google identity allowed to connect to that instance, and the pods must wait for
 * those grants.
 */
class GcpCloudSqlAccessTest {
    private static final String CONNECTOR = "socketFactory=com.google.cloud.sql.postgres.SocketFactory";

    private static StackConfig config(String stack) {
        return Fixtures.config(stack, Cloud.GCP);
    }

    /** Secret payloads as the engine receives them (the plan masks them), by Secret name. */
    private static Map<String, Map<String, Object>> secretPayloads(StackConfig cfg) {
        var run = MockRun.run(cfg, Infra::build);
        var payloads = new HashMap<String, Map<String, Object>>();
        for (var r : run.mocks().ofType("kubernetes:core/v1:Secret")) {
            payloads.put((String) map(r.inputs.get("metadata")).get("name"), map(r.inputs.get("stringData")));
        }
        return payloads;
    }

    private static List<Map<String, Object>> containers(PlannedResource workload) {
        var pod = map(map(map(workload.props().get("spec")).get("template")).get("spec"));
        var all = new ArrayList<Map<String, Object>>();
        for (String field : List.of("initContainers", "containers")) {
            list(pod.getOrDefault(field, List.of())).forEach(c -> all.add(map(c)));
        }
        return all;
    }

    private static List<PlannedResource> podOwners(Plan p) {
        return p.resources().stream().filter(r -> "Deployment".equals(r.props().get("kind"))
                || "Job".equals(r.props().get("kind")))
                .toList();
    }

    private static String serviceAccountOf(PlannedResource workload) {
        return (String) map(map(map(workload.props().get("spec")).get("template")).get("spec"))
                .get("serviceAccountName");
    }

    private static PlannedResource k8s(Plan p, String kind, String name) {
        return p.resources().stream().filter(r -> kind.equals(r.props().get("kind")))
                .filter(r -> name.equals(map(r.props().get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /**
     * No container of any Deployment or Job reads a database address other than the connector's URL: no libpq
     * variables (PGHOST ...), no value holding the instance's private IP, no image other than the app's (no psql, no
     * client that would need the address); each one that reads DATABASE_URL gets the connector URL of this instance.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerReachesCloudSqlOnlyThroughTheConnector(String stack) {
        var cfg = config(stack);
        var p = Planner.plan(cfg);
        var payloads = secretPayloads(cfg);
        var instance = p.ofType("gcp:sql/databaseInstance:DatabaseInstance").get(0);
        String privateIp = "10.40.32.3"; // the instance's address in the mock engine (MockCloud)
        int readers = 0;
        for (var workload : podOwners(p)) {
            for (var c : containers(workload)) {
                String where = workload.name() + "/" + c.get("name");
                assertEquals(cfg.app().image(), c.get("image"), where + ": no second database client image");
                for (Object e : list(c.getOrDefault("env", List.of()))) {
                    var env = map(e);
                    String var = (String) env.get("name");
                    assertFalse(var.startsWith("PG"), where + " sets libpq's " + var + ": psql/libpq dial the IP");
                    Object value = env.get("value");
                    if (env.containsKey("valueFrom") && map(env.get("valueFrom")).containsKey("secretKeyRef")) {
                        var ref = map(map(env.get("valueFrom")).get("secretKeyRef"));
                        value = payloads.get((String) ref.get("name")).get((String) ref.get("key"));
                    }
                    assertFalse(String.valueOf(value).contains(privateIp), where + " " + var + " names the private IP");
                    if (var.equals("DATABASE_URL")) {
                        readers++;
                        String url = String.valueOf(value);
                        assertTrue(url.startsWith("jdbc:postgresql:///") && url.contains(CONNECTOR)
                                && url.contains("ipTypes=PRIVATE"), where + ": " + url);
                        assertTrue(url.contains("cloudSqlInstance=" + cfg.gcpProject().orElseThrow() + ":"
                                + cfg.region() + ":" + instance.id() + "&"), where + ": " + url);
                    }
                }
            }
        }
        assertEquals(2, readers, "the api and the migration Job read the database URL");
    }

    /**
     * Every pod (serving or migration) runs as a Kubernetes ServiceAccount bound to its own Google identity: the
     * identity may be impersonated by exactly that ServiceAccount (after the cluster, which creates the identity pool),
     * a pod that reads the database URL may connect to this instance (roles/cloudsql.client conditioned on it), the
     * migration identity may do nothing else, and the pod waits for every grant of its identity (on a first deploy the
     * Job would otherwise start before the connector may fetch its certificate).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodHasAGrantedIdentityThatMayConnectAndWaitsForIt(String stack) {
        var cfg = config(stack);
        var p = EnginePlans.plan(stack, Cloud.GCP, false);
        String project = cfg.gcpProject().orElseThrow();
        var cluster = p.ofType("gcp:container/cluster:Cluster").get(0);
        // auto-named: the mock engine's id is the name
        String instanceName = p.ofType("gcp:sql/databaseInstance:DatabaseInstance").get(0).id();
        var grants = new ArrayList<PlannedResource>();
        for (String type : List.of("gcp:projects/iAMMember:IAMMember", "gcp:secretmanager/secretIamMember:SecretIamMember",
                "gcp:serviceaccount/iAMMember:IAMMember", "gcp:storage/bucketIAMMember:BucketIAMMember",
                "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")) {
            grants.addAll(p.ofType(type));
        }
        for (var workload : podOwners(p)) {
            String ksa = serviceAccountOf(workload);
            var account = k8s(p, "ServiceAccount", ksa);
            var annotations = map(map(account.props().get("metadata")).getOrDefault("annotations", Map.of()));
            String email = (String) annotations.get(GcpWorkloadBindings.WORKLOAD_IDENTITY_ANNOTATION);
            assertTrue(email != null && email.endsWith("@" + project + ".iam.gserviceaccount.com"),
                    workload.name() + " runs as " + ksa + " without a Google identity: " + annotations);
            var impersonation = p.ofType("gcp:serviceaccount/iAMMember:IAMMember").stream()
                    .filter(g -> String.valueOf(g.props().get("serviceAccountId")).endsWith("/" + email)).toList();
            assertEquals(1, impersonation.size(), email + " is impersonable once: " + impersonation);
            assertEquals("roles/iam.workloadIdentityUser", impersonation.get(0).props().get("role"));
            assertEquals("serviceAccount:" + project + ".svc.id.goog[strata/" + ksa + "]",
                    impersonation.get(0).props().get("member"), "only by " + ksa);
            assertTrue(impersonation.get(0).dependsOn(cluster.urn()), "the identity pool comes with the cluster");
            var own = grants.stream().filter(g -> ("serviceAccount:" + email).equals(g.props().get("member")))
                    .toList();
            boolean readsDatabase = containers(workload).stream().anyMatch(c -> list(c.getOrDefault("env", List.of()))
                    .stream().anyMatch(e -> "DATABASE_URL".equals(map(e).get("name"))));
            var connect = own.stream().filter(g -> "roles/cloudsql.client".equals(g.props().get("role"))).toList();
            if (readsDatabase) {
                assertEquals(1, connect.size(), email + " may connect: " + own);
                assertEquals("resource.name == 'projects/" + project + "/instances/" + instanceName + "'",
                        map(connect.get(0).props().get("condition")).get("expression"), "only to this instance");
            }
            if ("Job".equals(workload.props().get("kind"))) {
                assertEquals(connect, own, "the migration identity may only connect");
            }
            var waits = EnginePlans.waitsFor(p, workload);
            if (readsDatabase) {
                for (String type : List.of("gcp:sql/user:User", "gcp:sql/database:Database")) {
                    assertTrue(waits.containsAll(p.ofType(type).stream().map(PlannedResource::urn).toList()),
                            workload.name() + " connects only once the " + type + " exists");
                }
            }
            assertTrue(waits.contains(impersonation.get(0).urn()), workload.name() + " waits for the impersonation");
            for (var g : own) {
                assertTrue(waits.contains(g.urn()), workload.name() + " waits for " + g.name());
            }
        }
    }
}
