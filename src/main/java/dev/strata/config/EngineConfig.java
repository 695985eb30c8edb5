package dev.strata.config;

import com.pulumi.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link ConfigSource} of a real {@code pulumi up/preview}: values through {@code ctx.config()},
 * and the list of keys set for the stack from the engine's {@code PULUMI_CONFIG} hand-over (keys
 * {@code strata:key}, or the older {@code strata:config:key}), so that a
 * misspelt {@code strata:*} key is reported instead of silently ignored.
 */
public final class EngineConfig {
    private EngineConfig() {
    }

    public static ConfigSource source(Context ctx, java.util.function.Function<String, String> env) {
        return new ConfigSource(ctx.projectName(), ctx.stackName(), ctx.config()::get,
                namespaceKeys(env.apply("PULUMI_CONFIG")), secretKeys(env.apply("PULUMI_CONFIG_SECRET_KEYS")),
                () -> DeployerEgress.resolve(env), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** The keys of the {@code strata} namespace in the engine's config JSON ({@code "strata:key": "value"}). */
    static Set<String> namespaceKeys(String configJson) {
        var names = new java.util.ArrayList<String>();
        read(configJson, "PULUMI_CONFIG").fieldNames().forEachRemaining(names::add);
        return inNamespace(names);
    }

    /** The secret keys of the namespace from the engine's JSON array ({@code ["strata:key"]}). */
    static Set<String> secretKeys(String arrayJson) {
        var names = new java.util.ArrayList<String>();
        read(arrayJson, "PULUMI_CONFIG_SECRET_KEYS").forEach(k -> names.add(k.asText()));
        return inNamespace(names);
    }

    private static Set<String> inNamespace(java.util.List<String> names) {
        String prefix = ConfigKey.NAMESPACE + ":";
        return names.stream()
                .map(k -> k.replace(":config:", ":"))
                .filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json, String variable) {
        if (json == null || json.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine's " + variable + " is not valid JSON", e);
        }
    }
}
