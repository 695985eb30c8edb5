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
                namespaceKeys(env.apply("PULUMI_CONFIG")), namespaceKeys(secretKeysAsObject(
                        env.apply("PULUMI_CONFIG_SECRET_KEYS"))), () -> DeployerEgress.resolve(env),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** {@code PULUMI_CONFIG_SECRET_KEYS} is a JSON array of keys; reuse the key reader on it. */
    private static String secretKeysAsObject(String arrayJson) {
        if (arrayJson == null || arrayJson.isBlank()) {
            return null;
        }
        try {
            var node = new ObjectMapper().createObjectNode();
            new ObjectMapper().readTree(arrayJson).forEach(k -> node.put(k.asText(), ""));
            return node.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine's PULUMI_CONFIG_SECRET_KEYS is not valid JSON", e);
        }
    }

    /** The keys of the {@code strata} namespace in the engine's config JSON ({@code "strata:key": "value"}). */
    static Set<String> namespaceKeys(String configJson) {
        if (configJson == null || configJson.isBlank()) {
            return Set.of();
        }
        String prefix = ConfigKey.NAMESPACE + ":";
        try {
            var names = new java.util.ArrayList<String>();
            new ObjectMapper().readTree(configJson).fieldNames().forEachRemaining(names::add);
            return names.stream()
                    .map(k -> k.replace(":config:", ":"))
                    .filter(k -> k.startsWith(prefix))
                    .map(k -> k.substring(prefix.length()))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the engine's PULUMI_CONFIG is not valid JSON", e);
        }
    }
}
