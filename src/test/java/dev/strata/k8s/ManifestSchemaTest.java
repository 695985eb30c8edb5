package dev.strata.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every built-in Kubernetes object in every plan is a valid manifest for the Kubernetes 1.30 API: known
 * apiVersion and kind, and every field name and type known to the API model (fabric8's model, generated
 * from the Kubernetes 1.30 OpenAPI schema), read strictly: an unknown or misspelt field fails.
 */
class ManifestSchemaTest {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** apiVersion/kind -> the 1.30 model class. Custom resources are checked by their own tests. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class), Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class), Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class), Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class), Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("storage.k8s.io/v1/StorageClass", io.fabric8.kubernetes.api.model.storage.StorageClass.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", io.fabric8.kubernetes.api.model.rbac.ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding",
                    io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class));
    private static final Set<String> CUSTOM = Set.of("elbv2.k8s.aws/v1beta1/TargetGroupBinding",
            "monitoring.googleapis.com/v1/PodMonitoring");

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void everyKubernetesObjectIsAValidManifest(String stack, Cloud cloud) throws Exception {
        Plan plan = Planner.plan(Fixtures.config(stack, cloud));
        int checked = 0;
        for (PlannedResource r : plan.resources()) {
            if (!r.type().startsWith("kubernetes:") || r.type().startsWith("kubernetes:helm")) {
                continue;
            }
            String key = r.props().get("apiVersion") + "/" + r.props().get("kind");
            if (CUSTOM.contains(key)) {
                continue;
            }
            Class<?> model = MODELS.get(key);
            if (model == null) {
                fail("no 1.30 model for " + key + " (" + r.name() + ")");
            }
            var manifest = new LinkedHashMap<>(r.props());
            manifest.replaceAll((k, v) -> "[secret]".equals(v) ? Map.of() : v);
            String json = STRICT.writeValueAsString(integers(manifest));
            try {
                Object parsed = STRICT.readValue(json, model);
                assertNotNull(parsed);
                var unknown = unknownFields(parsed, r.props().get("kind").toString());
                assertEquals(java.util.List.of(), unknown, r.name() + ": fields the 1.30 API does not know");
            } catch (Exception e) {
                throw new AssertionError(r.name() + " (" + key + ") is not a valid 1.30 manifest: " + e.getMessage(), e);
            }
            assertTrue(r.type().equals("kubernetes:" + (key.startsWith("v1/") ? "core/" + key : key.substring(0,
                    key.lastIndexOf('/'))) + ":" + r.props().get("kind")) || r.type().endsWith(":" + r.props().get("kind")),
                    "type token matches apiVersion/kind: " + r.type());
            checked++;
        }
        assertTrue(checked >= 20, "checked " + checked + " objects");
    }

    /**
     * The model keeps fields it does not know in {@code additionalProperties} instead of failing; walk the
     * parsed object and report every such field with its path.
     */
    static java.util.List<String> unknownFields(Object o, String path) throws Exception {
        var out = new java.util.ArrayList<String>();
        if (o == null || !o.getClass().getName().startsWith("io.fabric8")) {
            if (o instanceof java.util.Collection<?> c) {
                int i = 0;
                for (Object x : c) {
                    out.addAll(unknownFields(x, path + "[" + i++ + "]"));
                }
            }
            return out;
        }
        for (var m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                out.addAll(unknownFields(v, path + "." + m.getName().substring(3)));
            }
        }
        return out;
    }

    @org.junit.jupiter.api.Test
    void theCheckRejectsAMisspeltOrMistypedField() throws Exception {
        var bad = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "x"),
                "spec", Map.of("replica", 2, "selector", Map.of(), "template", Map.of("spec", Map.of(
                        "containers", java.util.List.of(Map.of("name", "c", "imag", "x"))))));
        var parsed = STRICT.readValue(STRICT.writeValueAsString(bad), Deployment.class);
        assertEquals(Set.of("Deployment.Spec.replica", "Deployment.Spec.Template.Spec.Containers[0].imag"),
                Set.copyOf(unknownFields(parsed, "Deployment")));
        var mistyped = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "x"),
                "spec", Map.of("replicas", Map.of("n", 2)));
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> STRICT.readValue(STRICT.writeValueAsString(mistyped), Deployment.class));
    }

    /** The engine hands numbers over as doubles; the API wants integers where they are whole. */
    @SuppressWarnings("unchecked")
    static Object integers(Object v) {
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            var out = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, integers(x)));
            return out;
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(ManifestSchemaTest::integers).toList();
        }
        return v;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void customResourcesHaveTheirControllersFields(String stack, Cloud cloud) {
        Plan plan = Planner.plan(Fixtures.config(stack, cloud));
        var custom = plan.resources().stream().filter(r -> CUSTOM.contains(r.props().get("apiVersion") + "/"
                + r.props().get("kind"))).toList();
        assertEquals(2, custom.size(), "one per role");
        for (var r : custom) {
            @SuppressWarnings("unchecked")
            var spec = (Map<String, Object>) r.props().get("spec");
            if ("TargetGroupBinding".equals(r.props().get("kind"))) {
                assertEquals(Set.of("serviceRef", "targetGroupARN", "targetType"), spec.keySet());
            } else {
                assertEquals(Set.of("selector", "endpoints"), spec.keySet());
            }
        }
    }
}
