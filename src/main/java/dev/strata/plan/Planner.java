package dev.strata.plan;

import com.pulumi.Context;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.strata.Infra;
import dev.strata.config.StackConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Runs the real program ({@link Infra#build}) under Pulumi's mock engine and turns what the engine
 * saw into a {@link Plan}. The parent of each resource comes from the resource objects of the run
 * (the mock does not receive it); inputs and provider references come from the registrations.
 */
public final class Planner {
    static final String STACK = "pulumi:pulumi:Stack";
    private Planner() {
    }

    /** Plans the whole program for a stack. */
    public static Plan plan(StackConfig cfg) {
        return plan(cfg, (ctx, c) -> Infra.build(ctx, c));
    }

    /** Plans any program part (tests plan a single component this way). */
    public static Plan plan(StackConfig cfg, BiConsumer<Context, StackConfig> program) {
        var mocks = new PlanMocks(cfg.region(), cfg.gcpProject().orElse("no-project"));
        TestResult result = run(cfg, mocks, program);
        return toPlan(cfg, mocks, result);
    }

    /**
     * Runs {@code program} under the mock engine with {@code mocks}; throws the program's first error.
     * The engine's global state is reset afterwards, so runs can follow each other in one JVM.
     */
    public static TestResult run(StackConfig cfg, PlanMocks mocks, BiConsumer<Context, StackConfig> program) {
        var options = TestOptions.builder().projectName(cfg.project()).stackName(cfg.stack()).preview(false)
                .build();
        try {
            TestResult result = PulumiTest.withMocks(mocks).withOptions(options)
                    .runTest(ctx -> program.accept(ctx, cfg));
            if (!result.exceptions().isEmpty()) {
                Exception first = result.exceptions().get(0);
                throw first instanceof RuntimeException re ? re : new IllegalStateException(first);
            }
            if (!result.errors().isEmpty() || result.exitCode() != 0) {
                throw new IllegalStateException("the program failed under the mock engine: " + result.errors());
            }
            return result;
        } finally {
            PulumiTest.cleanup();
        }
    }

    static Plan toPlan(StackConfig cfg, PlanMocks mocks, TestResult result) {
        var masker = new SecretMasker(mocks.generatedSecrets());
        var parents = new IdentityHashMap<Resource, Resource>();
        for (Resource r : result.resources()) {
            masker.learn(r);
            for (Resource child : r.pulumiChildResources()) {
                parents.put(child, r);
            }
        }
        result.outputs().values().forEach(masker::learn);

        var urns = new IdentityHashMap<Resource, String>();
        result.resources().forEach(r -> urns.put(r, PulumiTest.extractValue(r.urn())));

        // The engine parents every resource created without a parent to the stack; the mock's
        // resource objects do not record that edge, so add it the same way.
        String stackUrn = result.resources().stream().filter(r -> r.pulumiResourceType().equals(STACK))
                .map(urns::get).findFirst().orElse(null);

        List<PlannedResource> planned = new ArrayList<>();
        for (Resource r : result.resources()) {
            var args = mocks.find(r.pulumiResourceType(), r.pulumiResourceName());
            Map<String, Object> inputs = args.map(a -> a.inputs).orElse(Map.of());
            String provider = args.map(a -> a.provider).filter(p -> p != null && !p.isEmpty())
                    .map(Planner::providerUrn).orElse(null);
            Resource parent = parents.get(r);
            planned.add(new PlannedResource(urns.get(r), r.pulumiResourceType(), r.pulumiResourceName(),
                    parent != null ? urns.get(parent) : r.pulumiResourceType().equals(STACK) ? null : stackUrn,
                    provider, args.isPresent() ? mocks.idOf(r.pulumiResourceType(), r.pulumiResourceName()) : null,
                    sorted(masker.mask(inputs, SecretMasker.secretOutputNames(r.getClass())))));
        }
        planned.sort(Comparator.comparing(PlannedResource::urn));

        var outputs = new TreeMap<String, Object>();
        result.outputs().forEach((k, v) -> {
            var internal = com.pulumi.core.internal.Internal.of(v);
            boolean secret = Boolean.TRUE.equals(internal.isSecret().join());
            Object value = internal.getDataAsync().join().getValueNullable();
            outputs.put(k, secret ? SecretMasker.MARKER : masker.maskValue(value));
        });
        return new Plan(cfg.project(), cfg.stack(), cfg.cloud(), List.copyOf(planned), outputs);
    }

    /** A provider reference is {@code <urn>::<id>}; the URN itself contains "::", the id does not. */
    static String providerUrn(String reference) {
        int cut = reference.lastIndexOf("::");
        return cut > 0 ? reference.substring(0, cut) : reference;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sorted(Map<String, Object> m) {
        var out = new TreeMap<String, Object>();
        m.forEach((k, v) -> out.put(k, sortedValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object sortedValue(Object v) {
        if (v instanceof Map<?, ?> inner) {
            return sorted((Map<String, Object>) inner);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Planner::sortedValue).toList();
        }
        return v;
    }

    static Map<String, Long> countByType(Plan plan) {
        var m = new TreeMap<String, Long>();
        plan.resources().forEach(r -> m.merge(r.type(), 1L, Long::sum));
        return new LinkedHashMap<>(m);
    }
}
