package dev.strata.plan;

import java.util.List;
import java.util.Locale;

/** Renders a {@link PlanDiff.Result} as text for a terminal, or as Markdown for a pull-request comment. */
public final class PlanDiffReport {
    private static final int MAX_VALUE = 80;

    private PlanDiffReport() {
    }

    public static String text(PlanDiff.Result r) {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "plan diff %s -> %s: %d added, %d deleted, %d changed, %d unchanged%n",
                r.base(), r.head(), count(r, PlanDiff.Kind.ADDED), count(r, PlanDiff.Kind.DELETED),
                count(r, PlanDiff.Kind.CHANGED), r.unchanged()));
        for (var d : r.resources()) {
            String mark = switch (d.kind()) {
                case ADDED -> "+";
                case DELETED -> "-";
                case CHANGED -> "~";
            };
            sb.append(mark).append(' ').append(d.type()).append(' ').append(d.name()).append('\n');
            for (var c : d.changes()) {
                sb.append("    ").append(c.path()).append(": ").append(value(c.before())).append(" -> ")
                        .append(value(c.after())).append('\n');
            }
        }
        var guarded = r.guarded();
        if (!guarded.isEmpty()) {
            sb.append('\n');
            guarded.forEach(d -> d.findings().forEach(f -> sb.append("STATEFUL ").append(f).append('\n')));
        }
        return sb.toString();
    }

    public static String markdown(PlanDiff.Result r) {
        var sb = new StringBuilder();
        sb.append("### Plan diff `").append(r.base()).append("` → `").append(r.head()).append("`\n\n");
        sb.append(String.format(Locale.ROOT, "%d added, %d deleted, %d changed, %d unchanged.%n%n",
                count(r, PlanDiff.Kind.ADDED), count(r, PlanDiff.Kind.DELETED), count(r, PlanDiff.Kind.CHANGED),
                r.unchanged()));
        var guarded = r.guarded();
        if (!guarded.isEmpty()) {
            sb.append("> [!CAUTION]\n> **Would replace/destroy stateful resource**\n");
            guarded.forEach(d -> d.findings().forEach(f -> sb.append("> - ").append(cell(f)).append('\n')));
            sb.append('\n');
        }
        if (r.resources().isEmpty()) {
            sb.append("No changes.\n");
            return sb.toString();
        }
        sb.append("| change | type | resource | inputs |\n| --- | --- | --- | --- |\n");
        for (var d : r.resources()) {
            sb.append("| ").append(d.kind().name().toLowerCase(Locale.ROOT)).append(d.findings().isEmpty() ? "" : " ⚠")
                    .append(" | `").append(d.type()).append("` | `").append(d.name()).append("` | ")
                    .append(d.changes().isEmpty() ? "" : changes(d.changes())).append(" |\n");
        }
        return sb.toString();
    }

    private static String changes(List<PlanDiff.Change> changes) {
        var sb = new StringBuilder();
        int shown = 0;
        for (var c : changes) {
            if (shown++ == 8) {
                sb.append("… ").append(changes.size() - 8).append(" more");
                break;
            }
            if (sb.length() > 0) {
                sb.append("<br>");
            }
            sb.append('`').append(c.path()).append("`: ").append(cell(value(c.before()))).append(" → ")
                    .append(cell(value(c.after())));
        }
        return sb.toString();
    }

    private static long count(PlanDiff.Result r, PlanDiff.Kind kind) {
        return r.resources().stream().filter(d -> d.kind() == kind).count();
    }

    private static String value(Object v) {
        String s = PlanDiff.show(v);
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s;
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
    }
}
