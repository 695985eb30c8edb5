package dev.strata.plan;

import java.util.Comparator;
import java.util.List;

/**
 * The architecture diagram of a plan in Graphviz DOT: one cluster per component (nested as the
 * components are), custom resources as nodes inside, so the picture always matches the code.
 */
public final class Diagram {
    private Diagram() {
    }

    public static String dot(Plan plan) {
        var sb = new StringBuilder("digraph strata {\n  graph [rankdir=LR, fontname=Helvetica, label=\"")
                .append(plan.project()).append(' ').append(plan.stack()).append(" on ").append(plan.cloud().id())
                .append("\"];\n  node [shape=box, style=rounded, fontname=Helvetica, fontsize=10];\n");
        plan.resources().stream().filter(r -> r.parent() == null).forEach(root -> emit(plan, root, "  ", sb));
        plan.resources().stream().filter(r -> r.provider() != null && plan.byUrn(r.provider()).isPresent())
                .forEach(r -> sb.append("  ").append(id(r.urn())).append(" -> ").append(id(r.provider()))
                        .append(" [style=dotted, arrowhead=none];\n"));
        return sb.append("}\n").toString();
    }

    private static void emit(Plan plan, PlannedResource r, String indent, StringBuilder sb) {
        List<PlannedResource> children = plan.childrenOf(r.urn()).stream()
                .sorted(Comparator.comparing(PlannedResource::urn)).toList();
        if (children.isEmpty()) {
            sb.append(indent).append(id(r.urn())).append(" [label=\"").append(r.name()).append("\\n")
                    .append(shortType(r.type())).append("\"];\n");
            return;
        }
        sb.append(indent).append("subgraph cluster_").append(id(r.urn())).append(" {\n")
                .append(indent).append("  label=\"").append(r.name()).append(" (").append(shortType(r.type()))
                .append(")\";\n");
        if (!r.isComponent()) {
            sb.append(indent).append("  ").append(id(r.urn())).append(" [label=\"").append(r.name())
                    .append("\"];\n");
        }
        children.forEach(c -> emit(plan, c, indent + "  ", sb));
        sb.append(indent).append("}\n");
    }

    private static String shortType(String type) {
        int cut = type.lastIndexOf(':');
        return cut >= 0 ? type.substring(0, type.indexOf(':')) + ":" + type.substring(cut + 1) : type;
    }

    private static String id(String urn) {
        return "n" + MockCloud.hash(urn).substring(0, 12);
    }
}
