package dev.strata.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.ConfigKey;
import dev.strata.config.ConfigSource;
import dev.strata.config.NodePoolConfig;
import dev.strata.config.StackConfig;
import dev.strata.config.StackConfigLoader;
import dev.strata.plan.StackFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A change of one node pool's bounds (or a new pool), validated by the program's own loader: the
 * proposed {@code strata:nodePools} replaces the stack's value and the whole stack config is loaded
 * again, so {@code scripts/scale} obeys exactly the rules of the stack file (min <= desired <= max,
 * prod minimums, name and machine-type rules). The result names the {@code pulumi config set --path}
 * writes that make the stack file say the same.
 *
 * @param before   the stack's config now
 * @param after    the stack's config with the change
 * @param pool     the changed pool, as the program will read it
 * @param created  whether the pool is new
 * @param sets     {@code pulumi config set --path} writes, path -> value, in order
 */
public record PoolChange(StackConfig before, StackConfig after, NodePoolConfig pool, boolean created,
                         List<Map.Entry<String, String>> sets) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIELDS = List.of("awsInstanceType", "gcpMachineType", "minSize", "desiredSize",
            "maxSize");

    /** What the operator asked for. {@code desired} empty keeps the configured initial size (clamped). */
    public record Request(String pool, int min, int max, Optional<Integer> desired, boolean create,
                          Optional<String> awsInstanceType, Optional<String> gcpMachineType) {
        public Request {
            if (!create && (awsInstanceType.isPresent() || gcpMachineType.isPresent())) {
                throw new IllegalArgumentException("--aws-instance-type and --gcp-machine-type set a new pool's"
                        + " machine types; they need --create (changing the type of a pool replaces its nodes:"
                        + " create a new pool, drain the old one, then remove it from the stack file)");
            }
            if (create && (awsInstanceType.isEmpty() || gcpMachineType.isEmpty())) {
                throw new IllegalArgumentException("--create needs both --aws-instance-type and --gcp-machine-type"
                        + " (the stack file holds both, so the stack can move between clouds)");
            }
        }
    }

    /**
     * Validates {@code request} against the stack.
     *
     * @throws IllegalArgumentException on an unknown pool (with a did-you-mean) or a pool that exists with --create
     * @throws dev.strata.config.ConfigException listing every rule the proposed stack config breaks
     */
    public static PoolChange of(Path projectDir, String stack, Map<String, String> overrides, Request request) {
        ConfigSource now = StackFiles.source(projectDir, stack, overrides);
        StackConfig before = StackConfigLoader.load(now);
        ObjectNode pools = readPools(now);
        JsonNode existing = pools.get(request.pool());
        if (existing == null && !request.create()) {
            var names = new TreeSet<String>();
            pools.fieldNames().forEachRemaining(names::add);
            throw new IllegalArgumentException("unknown node pool '" + request.pool() + "' in stack " + stack
                    + " (pools: " + String.join(", ", names) + ")"
                    + ConfigKey.closestOf(request.pool(), names).map(c -> "; did you mean " + c + "?")
                    .orElse("; add a pool with --create"));
        }
        if (existing != null && request.create()) {
            throw new IllegalArgumentException("node pool '" + request.pool() + "' already exists in stack " + stack
                    + "; drop --create to change its bounds");
        }
        ObjectNode spec = existing != null && existing.isObject() ? ((ObjectNode) existing).deepCopy()
                : JSON.createObjectNode();
        request.awsInstanceType().ifPresent(t -> spec.put("awsInstanceType", t));
        request.gcpMachineType().ifPresent(t -> spec.put("gcpMachineType", t));
        int configured = spec.path("desiredSize").asInt(request.min());
        spec.put("minSize", request.min());
        spec.put("maxSize", request.max());
        // the configured size is only the size a pool is created with (the autoscaler owns it afterwards);
        // keep it inside the new bounds so the stack file stays valid
        spec.put("desiredSize", request.desired().orElse(Math.max(request.min(), Math.min(request.max(), configured))));
        ObjectNode proposed = pools.deepCopy();
        proposed.set(request.pool(), spec);

        var next = new HashMap<>(overrides);
        next.put(ConfigKey.NODE_POOLS.key(), write(proposed));
        StackConfig after = StackConfigLoader.load(StackFiles.source(projectDir, stack, next));
        NodePoolConfig pool = after.cluster().nodePools().get(request.pool());

        // A stack file without strata:nodePools inherits the project default as a whole; one path written into
        // it would replace that default by a map holding only that path. So write every pool in full then.
        boolean stackHasPools = stackFileSets(projectDir, stack, ConfigKey.NODE_POOLS);
        var sets = new ArrayList<Map.Entry<String, String>>();
        proposed.fields().forEachRemaining(e -> {
            boolean target = e.getKey().equals(request.pool());
            if (!stackHasPools || target) {
                for (String f : FIELDS) {
                    JsonNode v = e.getValue().get(f);
                    JsonNode old = target && existing != null ? existing.get(f) : null;
                    if (v != null && (!stackHasPools || request.create() || !v.equals(old))) {
                        sets.add(Map.entry(path(e.getKey(), f), v.asText()));
                    }
                }
            }
        });
        return new PoolChange(before, after, pool, request.create(), List.copyOf(sets));
    }

    /** {@code strata:nodePools.<pool>.<field>}, the path {@code pulumi config set --path} takes. */
    static String path(String pool, String field) {
        return ConfigKey.NODE_POOLS.qualified() + "." + pool + "." + field;
    }

    private static boolean stackFileSets(Path projectDir, String stack, ConfigKey key) {
        return StackFiles.source(projectDir, stack, Map.of()).namespaceKeys().contains(key.key());
    }

    static ObjectNode readPools(ConfigSource source) {
        String text = source.get().apply(ConfigKey.NODE_POOLS.key())
                .or(ConfigKey.NODE_POOLS::objectDefault).orElse("{}");
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new IllegalArgumentException(ConfigKey.NODE_POOLS.qualified() + " is not a map: " + text);
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ConfigKey.NODE_POOLS.qualified() + " is not JSON: " + text, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
