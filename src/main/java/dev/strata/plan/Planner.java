package dev.strata.plan;

import com.pulumi.Context;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.strata.Infra;
import dev.strata.Main;
import pulumirpc.Resource.RegisterResourceRequest;
import dev.strata.config.ConfigException;
import dev.strata.config.StackConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs the real program ({@link Infra#build}) under Pulumi's mock engine and turns what the engine
 * saw into a {@link Plan}. Inputs (in the wire encoding, so preview unknowns and secrets stay visible),
 * provider, dependencies and options come from the {@code RegisterResourceRequest}s the engine received
 * ({@link EngineRecorder}); the parent of each resource from the resource objects of the run.
 */
public final class Planner {
    static final String STACK = "pulumi:pulumi:Stack";
    /** The engine's log; a failing program is reported through the run's result, once. */
    private static final java.util.logging.Logger QUIET = quietLogger();

    private static java.util.logging.Logger quietLogger() {
        var logger = java.util.logging.Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }
    private Planner() {
    }

    /** Plans the whole program for an in-memory config (tests). */
    public static Plan plan(StackConfig cfg) {
        return plan(cfg, (ctx, c) -> Infra.build(ctx, c));
    }

    /** Plans any program part (tests plan a single component this way). */
    public static Plan plan(StackConfig cfg, BiConsumer<Context, StackConfig> program) {
        var mocks = new PlanMocks(cfg.region(), cfg.gcpProject().orElse("no-project"));
        Run run = execute(cfg.project(), cfg.stack(), false, EngineInput.NONE, mocks, ctx -> program.accept(ctx, cfg));
        return toPlan(cfg, false, mocks, run);
    }

    /**
     * Plans a stack the way the CLI runs it: {@link Main#program} with the stack's config handed over through
     * Pulumi's own config mechanism ({@code strata:} keys, secret keys), as a {@code pulumi up} on a stack with
     * state ({@code preview = false}) or as a {@code pulumi preview} of a stack with no state yet, where every
     * value a provider computes is unknown.
     */
    public static Plan plan(EngineInput input, boolean preview) {
        var cfgSeen = new java.util.concurrent.atomic.AtomicReference<StackConfig>();
        // the region and project only shape the mock cloud's answers; the program reads its own config
        var mocks = new PlanMocks(input.mockRegion(), input.mockProject(), preview);
        var configError = new java.util.concurrent.atomic.AtomicReference<ConfigException>();
        Run run;
        try {
            run = execute(input.project(), input.stack(), preview, input, mocks, ctx -> {
                try {
                    cfgSeen.set(Main.program(ctx, input::env));
                } catch (ConfigException e) {
                    configError.set(e);
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            // bad config is the user's error: report it as the loader wrote it, not as an engine failure
            throw configError.get() != null ? configError.get() : e;
        }
        return toPlan(cfgSeen.get(), preview, mocks, run);
    }

    /** What one run under the mock engine left: the SDK's result and the requests the engine received. */
    record Run(TestResult result, EngineRecorder engine) {
    }

    /**
     * Runs {@code program} under the mock engine with {@code mocks}; throws the program's first error.
     * The engine's global state is reset afterwards, so runs can follow each other in one JVM.
     */
    public static TestResult run(StackConfig cfg, PlanMocks mocks, BiConsumer<Context, StackConfig> program) {
        return execute(cfg.project(), cfg.stack(), false, EngineInput.NONE, mocks, ctx -> program.accept(ctx, cfg))
                .result();
    }

    static Run execute(String project, String stack, boolean preview, EngineInput input, PlanMocks mocks,
                       Consumer<Context> program) {
        var options = TestOptions.builder().projectName(project).stackName(stack).preview(preview).build();
        var engine = new java.util.concurrent.atomic.AtomicReference<EngineRecorder>();
        try {
            TestResult result = PulumiTestInternal.builder().options(options).mocks(mocks)
                    .standardLogger(QUIET)
                    .config(input.values(), input.secretKeys())
                    .monitorDecorator(m -> {
                        engine.set(new EngineRecorder(mocks, PulumiTestInternal.mockLog()));
                        return engine.get();
                    })
                    .build().runTest(program);
            if (!result.exceptions().isEmpty()) {
                Exception first = result.exceptions().get(0);
                throw first instanceof RuntimeException re ? re : new IllegalStateException(first);
            }
            if (!result.errors().isEmpty() || result.exitCode() != 0) {
                throw new IllegalStateException("the program failed under the mock engine: " + result.errors());
            }
            return new Run(result, engine.get());
        } finally {
            PulumiTest.cleanup();
        }
    }

    static Plan toPlan(StackConfig cfg, boolean preview, PlanMocks mocks, Run run) {
        TestResult result = run.result();
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
            String urn = urns.get(r);
            Optional<RegisterResourceRequest> request = run.engine().request(urn);
            Map<String, Object> inputs = request.map(q -> WireValues.decode(q.getObject())).orElse(Map.of());
            String provider = request.map(RegisterResourceRequest::getProvider).filter(p -> !p.isEmpty())
                    .map(Planner::providerUrn).orElse(null);
            Resource parent = parents.get(r);
            boolean custom = request.map(RegisterResourceRequest::getCustom).orElse(false);
            String id = !custom ? null : preview ? WireValues.UNKNOWN
                    : mocks.idOf(r.pulumiResourceType(), r.pulumiResourceName());
            planned.add(new PlannedResource(urn, r.pulumiResourceType(), r.pulumiResourceName(),
                    parent != null ? urns.get(parent) : r.pulumiResourceType().equals(STACK) ? null : stackUrn,
                    provider, id, sorted(masker.mask(inputs, SecretMasker.secretOutputNames(r.getClass()))),
                    request.map(Planner::dependencies).orElse(List.of()),
                    request.map(Planner::propertyDependencies).orElse(Map.of()),
                    request.map(Planner::options).orElse(ResourceOptions.NONE)));
        }
        planned.sort(Comparator.comparing(PlannedResource::urn));

        var outputs = new TreeMap<String, Object>();
        result.outputs().forEach((k, v) -> {
            var internal = com.pulumi.core.internal.Internal.of(v);
            var data = internal.getDataAsync().join();
            Object value = !data.isKnown() ? WireValues.UNKNOWN
                    : data.isSecret() ? SecretMasker.MARKER : masker.maskValue(data.getValueNullable());
            outputs.put(k, value);
        });
        return new Plan(cfg.project(), cfg.stack(), cfg.cloud(), preview, List.copyOf(planned), outputs);
    }

    private static List<String> dependencies(RegisterResourceRequest q) {
        return q.getDependenciesList().stream().filter(d -> !d.equals(q.getParent())).distinct().sorted().toList();
    }

    private static Map<String, List<String>> propertyDependencies(RegisterResourceRequest q) {
        var out = new TreeMap<String, List<String>>();
        q.getPropertyDependenciesMap().forEach((k, v) -> {
            if (v.getUrnsCount() > 0) {
                out.put(k, v.getUrnsList().stream().distinct().sorted().toList());
            }
        });
        return out;
    }

    private static ResourceOptions options(RegisterResourceRequest q) {
        var aliases = new ArrayList<String>(q.getAliasURNsList());
        q.getAliasesList().forEach(a -> aliases.add(a.hasSpec()
                ? "spec:" + a.getSpec().getName() + "/" + a.getSpec().getType() : a.getUrn()));
        Map<String, String> timeouts = null;
        if (q.hasCustomTimeouts()) {
            var t = q.getCustomTimeouts();
            timeouts = new TreeMap<>();
            if (!t.getCreate().isEmpty()) {
                timeouts.put("create", t.getCreate());
            }
            if (!t.getUpdate().isEmpty()) {
                timeouts.put("update", t.getUpdate());
            }
            if (!t.getDelete().isEmpty()) {
                timeouts.put("delete", t.getDelete());
            }
            if (timeouts.isEmpty()) {
                timeouts = null;
            }
        }
        return new ResourceOptions(q.getProtect(), q.getRetainOnDelete(), q.getDeleteBeforeReplace(),
                List.copyOf(q.getIgnoreChangesList()), List.copyOf(q.getReplaceOnChangesList()), List.copyOf(aliases),
                timeouts, q.getVersion(), q.getPluginDownloadURL());
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
