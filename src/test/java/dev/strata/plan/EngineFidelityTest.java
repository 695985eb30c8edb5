package dev.strata.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.config.Cloud;
import dev.strata.config.ConfigException;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan.json holds what the engine receives: options, dependencies, preview unknowns, secret config; and the
 * plans come from the real entry point with the stack files' config handed over the way the CLI does.
 */
class EngineFidelityTest {

    /**
     * Types whose loss is data loss: databases, keys (and key rings), buckets, backup vaults, the secrets holding
     * the database credentials. In prod each is protected (pulumi refuses to delete it) and retained on delete.
     */
    static final Set<String> PROTECTED_IN_PROD = Set.of(
            "aws:rds/instance:Instance", "aws:kms/key:Key", "aws:s3/bucketV2:BucketV2", "aws:backup/vault:Vault",
            "aws:secretsmanager/secret:Secret",
            "gcp:sql/databaseInstance:DatabaseInstance", "gcp:sql/database:Database", "gcp:kms/cryptoKey:CryptoKey",
            "gcp:kms/keyRing:KeyRing", "gcp:storage/bucket:Bucket", "gcp:secretmanager/secret:Secret");

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void prodStatefulResourcesAreProtectedAndRetained(Cloud cloud) {
        Plan prod = EnginePlans.plan("prod", cloud, false);
        var stateful = prod.resources().stream().filter(r -> PROTECTED_IN_PROD.contains(r.type())).toList();
        assertTrue(stateful.size() >= 4, "the prod plan has its databases, keys and buckets: " + stateful);
        for (PlannedResource r : stateful) {
            assertTrue(r.options().protect(), r.urn() + " must be protected in prod");
            assertTrue(r.options().retainOnDelete(), r.urn() + " must be retained on delete in prod");
        }
        // dev stays disposable: scripts/stop and a teardown must not need un-protecting
        Plan dev = EnginePlans.plan("dev", cloud, false);
        assertTrue(dev.resources().stream().filter(r -> PROTECTED_IN_PROD.contains(r.type()))
                .noneMatch(r -> r.options().protect()), "dev protects nothing");
    }

    @Test
    void dependenciesAndPropertyDependenciesAreTheEnginesEdges() {
        Plan plan = EnginePlans.plan("dev", Cloud.AWS, false);
        var cluster = plan.ofType("aws:eks/cluster:Cluster").get(0);
        var role = plan.resources().stream().filter(r -> r.type().equals("aws:iam/role:Role")
                && cluster.propertyDependencies().getOrDefault("roleArn", List.of()).contains(r.urn())).toList();
        assertEquals(1, role.size(), "roleArn came from the control-plane role: " + cluster.propertyDependencies());
        assertTrue(cluster.dependsOn(role.get(0).urn()), "an input's resource is a dependency");
        assertFalse(cluster.dependencies().contains(cluster.parent()), "the parent is not a dependency");
        assertEquals("6.83.0", cluster.options().version(), "the provider plugin version the SDK asks for");
    }

    @Test
    void previewPlanMarksProviderComputedValuesUnknownAndKeepsKnownInputs() throws Exception {
        Plan full = EnginePlans.plan("dev", Cloud.AWS, false);
        Plan preview = EnginePlans.plan("dev", Cloud.AWS, true);
        assertTrue(preview.preview());
        assertFalse(PlanJson.write(full).contains(WireValues.UNKNOWN), "a full plan has every value");
        assertEquals(full.resources().stream().map(PlannedResource::urn).toList(),
                preview.resources().stream().map(PlannedResource::urn).toList(), "the same resources");

        var cluster = preview.ofType("aws:eks/cluster:Cluster").get(0);
        assertEquals(WireValues.UNKNOWN, cluster.id());
        assertEquals(WireValues.UNKNOWN, cluster.props().get("roleArn"), "an ARN is computed by the provider");
        assertEquals(full.ofType("aws:eks/cluster:Cluster").get(0).props().get("version"),
                cluster.props().get("version"), "a value from config stays known");
        assertEquals(full.ofType("aws:eks/cluster:Cluster").get(0).dependencies(), cluster.dependencies(),
                "unknown values still carry their dependencies");
        var json = new ObjectMapper().readTree(PlanJson.write(preview));
        assertTrue(json.path("preview").asBoolean());
        assertEquals(WireValues.UNKNOWN, json.path("outputs").path("databaseEndpoint").asText());
    }

    @Test
    void aSecretConfigValueStaysSecretThroughToThePlan() {
        String token = "tok-4711-very-private";
        EngineInput base = StackFiles.engineInput(Fixtures.projectDir(), "dev", Map.of());
        var values = new HashMap<>(base.values());
        values.put("strata:appEnv", "{\"API_TOKEN\":\"" + token + "\"}");
        var input = new EngineInput(base.project(), base.stack(), values, Set.of("strata:appEnv"),
                base.mockRegion(), base.mockProject());
        Plan plan = Planner.plan(input, false);
        String json = PlanJson.write(plan);
        assertFalse(json.contains(token), "the secret value is nowhere in plan.json");
        assertFalse(PlanTree.render(plan).contains(token) || Inventory.render(plan).contains(token));

        var secretEnv = plan.resources().stream().filter(r -> r.type().equals("kubernetes:core/v1:Secret")
                && r.name().endsWith("-app-env")).toList();
        assertEquals(1, secretEnv.size(), "env set with --secret goes into a Kubernetes Secret");
        assertEquals(SecretMasker.MARKER, secretEnv.get(0).props().get("stringData"));
        var settings = plan.resources().stream().filter(r -> r.type().equals("kubernetes:core/v1:ConfigMap")
                && r.name().endsWith("-settings")).findFirst().orElseThrow();
        assertFalse(settings.props().toString().contains("API_TOKEN"), "not in the ConfigMap");
        assertTrue(json.contains("\"secretKeyRef\""), "the containers read it from the Secret");
    }

    @Test
    void aBadSecretConfigValueIsReportedWithoutItsValue() {
        EngineInput base = StackFiles.engineInput(Fixtures.projectDir(), "dev", Map.of());
        var values = new HashMap<>(base.values());
        values.put("strata:appEnv", "{\"API_TOKEN\":{\"nested\":\"tok-4711-very-private\"}}");
        var input = new EngineInput(base.project(), base.stack(), values, Set.of("strata:appEnv"),
                base.mockRegion(), base.mockProject());
        var e = assertThrows(ConfigException.class, () -> Planner.plan(input, false));
        assertTrue(e.getMessage().contains("strata:appEnv.API_TOKEN = [secret]"), e.getMessage());
        assertFalse(e.getMessage().contains("tok-4711"), e.getMessage());
    }

    @Test
    void aMisspeltKeyInTheStackFileFailsThroughTheEnginePathWithADidYouMean() {
        EngineInput base = StackFiles.engineInput(Fixtures.projectDir(), "dev", Map.of());
        var values = new HashMap<>(base.values());
        values.put("strata:dbHighAvailabilty", "true"); // the CLI passes undeclared keys on; the program reports them
        var input = new EngineInput(base.project(), base.stack(), values, Set.of(), base.mockRegion(),
                base.mockProject());
        var e = assertThrows(ConfigException.class, () -> Planner.plan(input, false));
        assertTrue(e.getMessage().contains("strata:dbHighAvailabilty: unknown key; did you mean"
                + " strata:dbHighAvailability?"), e.getMessage());
    }

    @Test
    void everyResourceOfTheProgramIsRecordedFromItsRegistration() {
        Plan plan = EnginePlans.plan("prod", Cloud.GCP, false);
        var urns = new HashSet<String>();
        plan.resources().forEach(r -> urns.add(r.urn()));
        for (PlannedResource r : plan.resources()) {
            for (String d : r.dependencies()) {
                assertTrue(urns.contains(d), r.urn() + " waits for a resource outside the plan: " + d);
            }
            r.propertyDependencies().values().forEach(l -> assertTrue(urns.containsAll(l), r.urn()));
        }
    }
}
