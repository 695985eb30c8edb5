package dev.strata.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The review of a pull request, offline: two {@code plan.json} files compared by URN. Resources added and deleted,
 * the changed input and option paths of each resource (old -> new; plan.json already masks secrets), and the
 * stateful-replacement guard: deleting a stateful resource, or changing one of the inputs {@link ReplaceRules}
 * lists for its type, is a finding that needs an explicit {@code --allow-replace}.
 */
public final class PlanDiff {

    public enum Kind { ADDED, DELETED, CHANGED }

    public record Change(String path, Object before, Object after) {
    }

    public record ResourceDiff(String urn, String type, String name, Kind kind, List<Change> changes,
                               List<String> findings) {
    }

    public record Result(String base, String head, List<ResourceDiff> resources, int unchanged) {
        public List<ResourceDiff> guarded() {
            return resources.stream().filter(r -> !r.findings().isEmpty()).toList();
        }
    }

    private PlanDiff() {
    }

    public static Result diff(JsonNode base, JsonNode head) {
        Map<String, JsonNode> before = byUrn(base);
        Map<String, JsonNode> after = byUrn(head);
        var urns = new TreeSet<String>(before.keySet());
        urns.addAll(after.keySet());
        var out = new ArrayList<ResourceDiff>();
        int unchanged = 0;
        for (String urn : urns) {
            JsonNode b = before.get(urn);
            JsonNode a = after.get(urn);
            if (b == null) {
                out.add(new ResourceDiff(urn, a.path("type").asText(), a.path("name").asText(), Kind.ADDED,
                        List.of(), List.of()));
            } else if (a == null) {
                String type = b.path("type").asText();
                var findings = ReplaceRules.statefulTypes().contains(type)
                        ? List.of("would destroy stateful resource " + b.path("name").asText() + " (" + type + ")")
                        : List.<String>of();
                out.add(new ResourceDiff(urn, type, b.path("name").asText(), Kind.DELETED, List.of(), findings));
            } else {
                var changes = changes(b, a);
                if (changes.isEmpty()) {
                    unchanged++;
                } else {
                    out.add(new ResourceDiff(urn, a.path("type").asText(), a.path("name").asText(), Kind.CHANGED,
                            changes, findings(a.path("type").asText(), a.path("name").asText(), changes)));
                }
            }
        }
        return new Result(label(base), label(head), List.copyOf(out), unchanged);
    }

    private static String label(JsonNode plan) {
        return plan.path("stack").asText() + "-" + plan.path("cloud").asText()
                + (plan.path("preview").asBoolean() ? " (preview)" : "");
    }

    private static Map<String, JsonNode> byUrn(JsonNode plan) {
        var m = new LinkedHashMap<String, JsonNode>();
        plan.path("resources").forEach(r -> m.put(r.path("urn").asText(), r));
        return m;
    }

    static List<Change> changes(JsonNode before, JsonNode after) {
        var b = new TreeMap<String, Object>();
        var a = new TreeMap<String, Object>();
        flatten("", before.path("props"), b);
        flatten("", after.path("props"), a);
        flatten("options.", before.path("options"), b);
        flatten("options.", after.path("options"), a);
        var paths = new TreeSet<String>(b.keySet());
        paths.addAll(a.keySet());
        var out = new ArrayList<Change>();
        for (String p : paths) {
            if (!Objects.equals(b.get(p), a.get(p))) {
                out.add(new Change(p, b.get(p), a.get(p)));
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                String p = prefix.isEmpty() || prefix.endsWith(".") ? prefix + e.getKey() : prefix + "." + e.getKey();
                flatten(p, e.getValue(), out);
            }
            if (!node.fields().hasNext() && !prefix.isEmpty()) {
                out.put(strip(prefix), "{}");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(strip(prefix) + "[" + i + "]", node.get(i), out);
            }
            if (node.isEmpty()) {
                out.put(strip(prefix), "[]");
            }
        } else {
            out.put(strip(prefix), node.isNumber() ? node.numberValue() : node.asText());
        }
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static List<String> findings(String type, String name, List<Change> changes) {
        var out = new ArrayList<String>();
        var seen = new TreeSet<String>();
        for (Change c : changes) {
            if (c.path().equals("options.protect") && "true".equals(String.valueOf(c.before()))
                    && ReplaceRules.statefulTypes().contains(type)) {
                out.add("removes protect from stateful resource " + name + " (" + type + "): a later delete or"
                        + " replace would go through");
            }
            ReplaceRules.ruleFor(type, c.path()).ifPresent(rule -> {
                if (ReplaceRules.MAJOR_ONLY.contains(rule.path()) && c.before() != null && c.after() != null
                        && !WireValues.UNKNOWN.equals(c.after())
                        && ReplaceRules.major(c.before()).equals(ReplaceRules.major(c.after()))) {
                    return;
                }
                if (seen.add(rule.path())) {
                    String verb = WireValues.UNKNOWN.equals(c.after()) ? "may replace (value known only after apply)"
                            : rule.effect().verb;
                    out.add(verb + " stateful resource " + name + " (" + type + "): " + rule.path() + " "
                            + show(c.before()) + " -> " + show(c.after()) + " [" + rule.source() + "]");
                }
            });
        }
        return out;
    }

    static String show(Object v) {
        return v == null ? "(unset)" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
