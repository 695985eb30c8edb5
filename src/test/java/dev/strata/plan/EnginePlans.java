package dev.strata.plan;

import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans of the committed stacks through the real entry point ({@code Main.program} with the stack files' config
 * handed over as the CLI does), cached per JVM, and graph helpers over their recorded dependencies.
 */
public final class EnginePlans {
    private static final Map<String, Plan> CACHE = new ConcurrentHashMap<>();

    private EnginePlans() {
    }

    public static Plan plan(String stack, Cloud cloud, boolean preview) {
        return CACHE.computeIfAbsent(stack + "/" + cloud + "/" + preview, k -> Planner.plan(
                StackFiles.engineInput(Fixtures.projectDir(), stack, Map.of("cloud", cloud.id())), preview));
    }

    /** An uncached plan with extra config (bare keys), as a stack file holding them would give. */
    static Plan plan(String stack, Cloud cloud, Map<String, String> overrides) {
        var all = new java.util.HashMap<>(overrides);
        all.put("cloud", cloud.id());
        return Planner.plan(StackFiles.engineInput(Fixtures.projectDir(), stack, all), false);
    }

    /** Every URN {@code r} waits for, directly or through what it waits for (parents excluded, as the engine). */
    public static Set<String> waitsFor(Plan plan, PlannedResource r) {
        var seen = new HashSet<String>();
        var todo = new ArrayDeque<>(r.dependencies());
        while (!todo.isEmpty()) {
            String urn = todo.pop();
            if (seen.add(urn)) {
                plan.byUrn(urn).ifPresent(d -> todo.addAll(d.dependencies()));
            }
        }
        return seen;
    }
}
