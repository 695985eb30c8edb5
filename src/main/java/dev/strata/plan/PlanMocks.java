package dev.strata.plan;

import com.pulumi.test.Mocks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mock engine's view of the cloud for a plan: records every resource registration exactly as the
 * engine hands it over ({@link Mocks.ResourceArgs}, keyed by type and name) and every invoke, and
 * answers with {@link MockCloud}'s deterministic outputs. Tests extend it with lookup helpers.
 */
public class PlanMocks implements Mocks {
    private final MockCloud cloud;
    private final Map<String, Mocks.ResourceArgs> resources = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final List<Mocks.CallArgs> calls = new CopyOnWriteArrayList<>();

    private final boolean preview;

    public PlanMocks(String region, String project) {
        this(region, project, false);
    }

    /**
     * @param preview answer as the engine does in a {@code pulumi preview} of resources that do not exist yet:
     *                no id, the inputs echoed and every computed output unknown, so the SDK marks every value a
     *                provider would compute (ids, ARNs, generated names, endpoints) unknown
     */
    public PlanMocks(String region, String project, boolean preview) {
        this.cloud = new MockCloud(region, project);
        this.preview = preview;
    }

    static String key(String type, String name) {
        return type + "::" + name;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        String key = key(args.type, args.name);
        if (resources.putIfAbsent(key, args) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "two resources of type " + args.type + " are named " + args.name));
        }
        order.add(key);
        if (preview) {
            // As a provider's preview of a create: the inputs echoed, every property the provider computes
            // present but unknown (the engine's unknown sentinel), and no id yet.
            var state = new java.util.HashMap<String, Object>(cloud.state(args.type, args.name, args.inputs));
            state.replaceAll((k, v) -> args.inputs.containsKey(k) && java.util.Objects.equals(args.inputs.get(k), v)
                    ? v : WireValues.UNKNOWN_SENTINEL);
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), state));
        }
        String id = cloud.id(args.type, args.name);
        return CompletableFuture.completedFuture(
                ResourceResult.of(Optional.of(id), cloud.state(args.type, args.name, args.inputs)));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        calls.add(args);
        return CompletableFuture.completedFuture(cloud.call(args.token, args.args));
    }

    /** Every registration, in the order the engine made them. */
    public List<Mocks.ResourceArgs> recorded() {
        return order.stream().map(resources::get).toList();
    }

    /** The registration of the resource with this type and logical name. */
    public Optional<Mocks.ResourceArgs> find(String type, String name) {
        return Optional.ofNullable(resources.get(key(type, name)));
    }

    /** The id the mock cloud gives the resource with this type and name. */
    public String idOf(String type, String name) {
        return cloud.id(type, name);
    }

    /** Every invoke the program made. */
    public List<Mocks.CallArgs> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** Secret values the mock generated (passwords), to be masked wherever they show up. */
    public Set<String> generatedSecrets() {
        return cloud.generatedSecrets();
    }

    /** Registrations grouped by type, for summaries. */
    public Map<String, Long> countByType() {
        var m = new LinkedHashMap<String, Long>();
        recorded().forEach(r -> m.merge(r.type, 1L, Long::sum));
        return m;
    }
}
