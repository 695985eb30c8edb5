package dev.strata.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Renders a plan as the resource tree grouped by component, then a count per type. */
public final class PlanTree {
    private PlanTree() {
    }

    public static String render(Plan plan) {
        var sb = new StringBuilder();
        sb.append("Plan of stack ").append(plan.stack()).append(" on ").append(plan.cloud().id())
                .append(" (project ").append(plan.project()).append(")\n\n");
        plan.resources().stream().filter(r -> r.parent() == null)
                .sorted(Comparator.comparing(PlannedResource::name))
                .forEach(root -> node(plan, root, "", "", sb));
        sb.append("\nResources by type:\n");
        Map<String, Long> counts = Planner.countByType(plan);
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(10);
        counts.forEach((type, n) -> sb.append(String.format("  %-" + width + "s %4d%n", type, n)));
        sb.append(String.format("  %-" + width + "s %4d%n", "total", plan.resources().size()));
        if (!plan.outputs().isEmpty()) {
            sb.append("\nOutputs:\n");
            plan.outputs().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        return sb.toString();
    }

    private static void node(Plan plan, PlannedResource r, String lead, String childLead, StringBuilder sb) {
        sb.append(lead).append(r.name()).append("  (").append(r.type()).append(")\n");
        List<PlannedResource> children = plan.childrenOf(r.urn()).stream()
                .sorted(Comparator.comparing((PlannedResource c) -> !c.isComponent())
                        .thenComparing(PlannedResource::type).thenComparing(PlannedResource::name))
                .toList();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            node(plan, children.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "), sb);
        }
    }
}
