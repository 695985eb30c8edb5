package dev.strata.gcp;

import dev.strata.config.Cloud;
import dev.strata.plan.EnginePlans;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a fresh project needs in order, asserted on the dependencies the engine receives (plan.json v2), for
 * both stacks as full plans and as previews of a stack with no state (every id unknown).
 */
class GcpOrderingTest {
    static Plan plan(String stack, boolean preview) {
        return EnginePlans.plan(stack, Cloud.GCP, preview);
    }

    static Stream<Arguments> plans() {
        return Stream.of("dev", "prod").flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    static Set<String> waitsFor(Plan plan, PlannedResource r) {
        return EnginePlans.waitsFor(plan, r);
    }

    private static String api(Plan plan, String name) {
        return plan.ofType("gcp:projects/service:Service").stream()
                .filter(s -> s.props().get("service").equals(name + ".googleapis.com")).findFirst()
                .orElseThrow(() -> new AssertionError("API " + name + " is not enabled")).urn();
    }

    /**
     * The API each resource type is served by. A type missing here fails the test: a new kind of resource
     * must name its API, and the program must enable it (a fresh project has almost none on).
     */
    static final Map<String, String> API_OF = Map.ofEntries(
            Map.entry("artifactregistry", "artifactregistry"), Map.entry("cloudscheduler", "cloudscheduler"),
            Map.entry("compute", "compute"), Map.entry("container", "container"), Map.entry("dns", "dns"),
            Map.entry("kms", "cloudkms"), Map.entry("logging", "logging"), Map.entry("monitoring", "monitoring"),
            Map.entry("secretmanager", "secretmanager"), Map.entry("serviceaccount", "iam"), Map.entry("iam", "iam"),
            Map.entry("servicenetworking", "servicenetworking"), Map.entry("sql", "sqladmin"),
            Map.entry("storage", "storage"), Map.entry("workflows", "workflows"),
            // project IAM policies and custom roles are Resource Manager / IAM calls
            Map.entry("projects/iAMMember", "cloudresourcemanager"), Map.entry("projects/iAMCustomRole", "iam"),
            // enabling services and creating service identities are Service Usage calls (the bootstrap's API)
            Map.entry("projects/service", "serviceusage"), Map.entry("projects/serviceIdentity", "serviceusage"));

    @ParameterizedTest(name = "{0} preview={1}")
    @MethodSource("plans")
    void everyResourcesApiIsEnabledByTheProgramOrTheBootstrap(String stack, boolean preview) {
        Plan plan = plan(stack, preview);
        var enabled = new HashSet<String>(GcpServices.APIS);
        enabled.add("serviceusage"); // the one-time bootstrap (README)
        for (var r : plan.resources()) {
            if (!r.type().startsWith("gcp:")) {
                continue;
            }
            String module = r.type().substring(4, r.type().indexOf(':', 4)); // e.g. projects/iAMMember
            String api = API_OF.getOrDefault(module, API_OF.get(module.substring(0, module.indexOf('/'))));
            assertNotNull(api, "which API serves " + r.type() + "?");
            assertTrue(enabled.contains(api), r.type() + " needs " + api + ".googleapis.com");
        }
        assertTrue(GcpServices.APIS.contains("cloudresourcemanager"), "project lookup and project IAM");
    }

    /**
     * The lookups run only after the API that answers them is on: in a fresh project's preview they are
     * unknown (not failed calls), and what depends on them waits for that API.
     */
    @ParameterizedTest(name = "{0} preview={1}")
    @MethodSource("plans")
    void lookupsWaitForTheApiThatAnswersThem(String stack, boolean preview) {
        Plan plan = plan(stack, preview);
        var cluster = plan.ofType("gcp:container/cluster:Cluster").get(0);
        assertTrue(cluster.propertyDependencies().getOrDefault("nodeLocations", List.of())
                .contains(api(plan, "compute")), "zones come from the Compute API");
        var grants = plan.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
        var byAgent = Map.of("-gke", "cloudresourcemanager", "-compute", "cloudresourcemanager",
                "-storage", "storage", "-logging", "logging");
        for (var g : grants) {
            byAgent.forEach((suffix, apiName) -> {
                if (g.name().endsWith(suffix)) {
                    assertTrue(waitsFor(plan, g).contains(api(plan, apiName)), g.name() + " waits for " + apiName);
                }
            });
        }
        if (preview) {
            assertEquals("[unknown]", cluster.props().get("nodeLocations"), "not looked up before the API exists");
            assertTrue(grants.stream().allMatch(g -> "[unknown]".equals(g.props().get("member"))));
        }
    }

    /**
     * Service agents that appear only on request are created before they are granted, and every resource
     * that encrypts with a key waits for all of that key's grants (Cloud KMS refuses the key otherwise).
     */
    @ParameterizedTest(name = "{0} preview={1}")
    @MethodSource("plans")
    void keyGrantsWaitForTheirAgentsAndKeyUsersForTheGrants(String stack, boolean preview) {
        Plan plan = plan(stack, preview);
        var identities = plan.ofType("gcp:projects/serviceIdentity:ServiceIdentity");
        assertEquals(3, identities.size());
        for (var identity : identities) {
            String agent = identity.name().substring(identity.name().indexOf("-agent-") + "-agent-".length());
            var grants = plan.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").stream()
                    .filter(g -> g.name().endsWith("-" + agent)).toList();
            assertFalse(grants.isEmpty(), agent);
            grants.forEach(g -> assertTrue(g.dependencies().contains(identity.urn()), g.name() + " after its agent"));
        }
        var keys = plan.ofType("gcp:kms/cryptoKey:CryptoKey");
        for (var key : keys) {
            var grants = plan.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").stream()
                    .filter(g -> g.propertyDependencies().getOrDefault("cryptoKeyId", List.of()).contains(key.urn()))
                    .map(PlannedResource::urn).toList();
            assertFalse(grants.isEmpty(), key.name());
            var users = plan.resources().stream().filter(r -> !r.type().startsWith("gcp:kms/"))
                    .filter(r -> r.dependencies().contains(key.urn())
                            || r.propertyDependencies().values().stream().anyMatch(d -> d.contains(key.urn())))
                    .toList();
            assertFalse(users.isEmpty(), key.name() + " is used");
            for (var user : users) {
                assertTrue(waitsFor(plan, user).containsAll(grants), user.name() + " waits for " + key.name()
                        + "'s grants");
            }
        }
    }

    @Test
    void theExportWorkflowRunsAsItsServiceAccountOnlyOnceItMayExport() {
        Plan plan = plan("prod", false);
        var workflow = plan.ofType("gcp:workflows/workflow:Workflow").get(0);
        var grant = plan.ofType("gcp:projects/iAMMember:IAMMember").stream()
                .filter(m -> m.name().endsWith("-backups-exporter")).findFirst().orElseThrow();
        assertTrue(waitsFor(plan, workflow).contains(grant.urn()));
    }

    /**
     * GKE's NEG controller creates a Service's standalone NEGs only after the Service exists, and a backend service
     * naming a missing NEG is refused: every backend service waits for a Deployment that selects its NEG's pods (ready
     * pods: the controller has created the NEGs and attached them), and that Deployment waits for the Service. The
     * Service itself must not wait for its pods (the pinned pulumi-kubernetes 4.0.0 holds a Service until its
     * endpoints target a pod), or the first `up` would wait on itself; no Deployment or Job skips its await.
     */
    @ParameterizedTest
    @MethodSource("plans")
    void everyBackendWaitsForReadyPodsBehindItsNegAndNoServiceWaitsForItsPods(String stack, boolean preview) {
        var plan = plan(stack, preview);
        var backends = plan.ofType("gcp:compute/backendService:BackendService");
        assertEquals(2, backends.size());
        for (var backend : backends) {
            String role = backend.name().substring(backend.name().lastIndexOf('-') + 1);
            String neg = GcpWorkloadBindings.negName("strata-" + stack, role);
            if (!preview) {
                assertTrue(backend.props().get("backends").toString().contains("/networkEndpointGroups/" + neg));
            }
            var service = plan.resources().stream().filter(r -> "Service".equals(r.props().get("kind")))
                    .filter(r -> String.valueOf(map(r.props().get("metadata")).get("annotations"))
                            .contains("\"name\":\"" + neg + "\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Service exposes the NEG " + neg));
            var selector = map(map(service.props().get("spec"))
                    .get("selector"));
            var deployment = plan.resources().stream().filter(r -> "Deployment".equals(r.props().get("kind")))
                    .filter(r -> map(map(r.props().get("spec"))
                            .get("selector")).get("matchLabels").equals(selector)).findFirst().orElseThrow();
            var waits = waitsFor(plan, backend);
            assertTrue(waits.contains(deployment.urn()), backend.name() + " waits for the pods of " + neg);
            assertTrue(waitsFor(plan, deployment).contains(service.urn()), deployment.name() + " after its Service");
        }
        for (var r : plan.resources()) {
            Object kind = r.props().get("kind");
            if (r.type().startsWith("kubernetes:") && r.props().get("metadata") != null) {
                var annotations = map(map(r.props().get("metadata"))
                        .getOrDefault("annotations", Map.of()));
                assertEquals("Service".equals(kind), "true".equals(annotations.get("pulumi.com/skipAwait")),
                        r.name() + ": only a Service skips its await");
            }
        }
    }
}
