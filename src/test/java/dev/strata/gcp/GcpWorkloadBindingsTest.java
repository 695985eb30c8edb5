package dev.strata.gcp;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the workload plugs into GCP, checked on the whole dev plan. */
class GcpWorkloadBindingsTest {
    private static final Plan DEV = Planner.plan(Fixtures.config("dev", Cloud.GCP));

    private static List<Map<String, Object>> kind(Plan p, String kind) {
        return p.resources().stream().map(PlannedResource::props).filter(r -> kind.equals(r.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        return (Map<String, String>) o;
    }

    /**
     * The default-deny NetworkPolicies must let GKE managed Prometheus' collectors (ordinary pods in
     * gmp-system) reach the port every PodMonitoring scrapes, and nobody else from outside the namespace.
     */
    @Test
    void networkPoliciesAdmitTheManagedCollectorsToTheScrapedPortOnly() {
        var specs = kind(DEV, "NetworkPolicy").stream().map(np -> map(np.get("spec"))).toList();
        var monitorings = kind(DEV, "PodMonitoring");
        assertEquals(2, monitorings.size(), "web and api are scraped");
        var collector = new NetworkPolicies.Pod("gmp-system", Map.of("kubernetes.io/metadata.name", "gmp-system"),
                Map.of("app.kubernetes.io/name", "collector", "app", "managed-prometheus-collector"), Map.of());
        var stranger = new NetworkPolicies.Pod("default", Map.of("kubernetes.io/metadata.name", "default"),
                Map.of("app.kubernetes.io/name", "collector"), Map.of());
        for (var monitoring : monitorings) {
            var selector = strings(map(map(monitoring.get("spec")).get("selector")).get("matchLabels"));
            String portName = (String) map(list(map(monitoring.get("spec")).get("endpoints")).get(0)).get("port");
            var deployment = kind(DEV, "Deployment").stream().filter(d -> strings(map(map(map(d.get("spec"))
                    .get("template")).get("metadata")).get("labels")).entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow();
            var template = map(map(deployment.get("spec")).get("template"));
            var ports = new LinkedHashMap<String, Integer>();
            for (Object c : list(map(template.get("spec")).get("containers"))) {
                for (Object p : list(map(c).getOrDefault("ports", List.of()))) {
                    ports.put((String) map(p).get("name"), ((Number) map(p).get("containerPort")).intValue());
                }
            }
            int port = ports.get(portName);
            var pod = new NetworkPolicies.Pod("strata", Map.of("kubernetes.io/metadata.name", "strata"),
                    strings(map(template.get("metadata")).get("labels")), ports);
            assertTrue(NetworkPolicies.admitsIngress(specs, collector, pod, port), "collectors reach " + selector);
            assertFalse(NetworkPolicies.admitsIngress(specs, stranger, pod, port), "others do not: " + selector);
            assertFalse(NetworkPolicies.admitsIngress(specs, collector, pod, 5432), "only the scraped port");
        }
    }

    @Test
    void withoutTheCollectorRuleTheDefaultDenyBlocksTheScrape() {
        var specs = kind(DEV, "NetworkPolicy").stream().filter(np -> !String.valueOf(map(np.get("metadata"))
                .get("name")).endsWith("-from-collectors")).map(np -> map(np.get("spec"))).toList();
        var collector = new NetworkPolicies.Pod("gmp-system", Map.of("kubernetes.io/metadata.name", "gmp-system"),
                Map.of("app.kubernetes.io/name", "collector"), Map.of());
        var web = kind(DEV, "Deployment").get(0);
        var labels = strings(map(map(map(web.get("spec")).get("template")).get("metadata")).get("labels"));
        var pod = new NetworkPolicies.Pod("strata", Map.of("kubernetes.io/metadata.name", "strata"), labels,
                Map.of("http", 8080));
        assertFalse(NetworkPolicies.admitsIngress(specs, collector, pod, 8080), "the evaluator sees the deny");
    }

    /**
     * The Cloud SQL connector (the only client the instance admits) needs, through the default deny: the
     * instance's proxy port 3307, the Cloud SQL Admin API via private.googleapis.com, and the GKE metadata
     * server for its Workload Identity token. The web role needs none of it.
     */
    @Test
    void apiAndMigrationReachCloudSqlOnlyThroughTheConnectorsPaths() {
        var specs = kind(DEV, "NetworkPolicy").stream().map(np -> map(np.get("spec"))).toList();
        var ns = Map.of("kubernetes.io/metadata.name", "strata");
        String instance = "10.40.32.3";
        for (String role : List.of("api", "migrate", "web")) {
            var web = strings(map(map(map(kind(DEV, "Deployment").get(0).get("spec")).get("template"))
                    .get("metadata")).get("labels"));
            var labels = new LinkedHashMap<>(web);
            labels.put("app.kubernetes.io/component", role);
            var pod = new NetworkPolicies.Pod("strata", ns, labels, Map.of());
            boolean usesDb = !role.equals("web");
            assertEquals(usesDb, NetworkPolicies.admitsEgress(specs, pod, instance, GcpWorkloadBindings
                    .CLOUDSQL_CONNECTOR_PORT), role + " -> instance:3307");
            assertEquals(usesDb, NetworkPolicies.admitsEgress(specs, pod, "199.36.153.9", 443), role + " -> APIs");
            assertEquals(usesDb, NetworkPolicies.admitsEgress(specs, pod, "169.254.169.252", 988), role + " -> metadata");
            assertFalse(NetworkPolicies.admitsEgress(specs, pod, "142.250.1.1", 443), role + " -> the internet");
        }
    }
}
