package dev.strata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of an offline plan ({@code build/plan/<stack>-<cloud>.json}, written by {@code scripts/plan}) the
 * on-call scripts need: the URN of a node pool or of the one resource of a type, for {@code pulumi
 * --target}, and the alerts the program declares. URNs are read, never assembled, so a renamed component
 * or an alias cannot make a script target the wrong resource. Extra fields (plan.json v2) are ignored.
 */
public final class PlanFile {
    /** Node pool resource types and where each carries the pool's config key, set by the cluster components. */
    static final Map<String, List<String>> POOL_LABEL = Map.of(
            "aws:eks/nodeGroup:NodeGroup", List.of("labels", "strata.dev/pool"),
            "gcp:container/nodePool:NodePool", List.of("nodeConfig", "labels", "strata-dev-pool"));
    /** Alert resource types of both clouds. */
    static final List<String> ALERT_TYPES = List.of("aws:cloudwatch/metricAlarm:MetricAlarm",
            "gcp:monitoring/alertPolicy:AlertPolicy");

    private final Path file;
    private final JsonNode root;

    private PlanFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static PlanFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no plan " + file + "; run scripts/plan first");
        }
        try {
            return new PlanFile(file, new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read plan " + file + ": " + e.getMessage(), e);
        }
    }

    public String stack() {
        return root.path("stack").asText();
    }

    public String cloud() {
        return root.path("cloud").asText();
    }

    /** The URN of the node pool whose config key is {@code pool}. */
    public String poolUrn(String pool) {
        return pool(pool).path("urn").asText();
    }

    /** The {@code kubectl -l} selector of the pool's nodes: the label its resource puts on them. */
    public String poolNodeSelector(String pool) {
        List<String> labelPath = POOL_LABEL.get(pool(pool).path("type").asText());
        return labelPath.get(labelPath.size() - 1) + "=" + pool;
    }

    private JsonNode pool(String pool) {
        var found = new ArrayList<JsonNode>();
        var names = new ArrayList<String>();
        for (JsonNode r : root.path("resources")) {
            List<String> labelPath = POOL_LABEL.get(r.path("type").asText());
            if (labelPath == null) {
                continue;
            }
            JsonNode label = r.path("props");
            for (String step : labelPath) {
                label = label.path(step);
            }
            names.add(label.asText());
            if (label.asText().equals(pool)) {
                found.add(r);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("plan " + file + " has " + found.size() + " node pools labelled '" + pool
                    + "' (pools in the plan: " + String.join(", ", names) + "); expected exactly one");
        }
        return found.get(0);
    }

    /** The URN of the one resource of {@code type}, e.g. the database instance. */
    public String urnOfType(String type) {
        var found = new ArrayList<String>();
        for (JsonNode r : root.path("resources")) {
            if (r.path("type").asText().equals(type)) {
                found.add(r.path("urn").asText());
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("plan " + file + " has " + found.size() + " resources of type " + type
                    + "; expected exactly one");
        }
        return found.get(0);
    }

    /**
     * The alerts the program declares, by their short name: the alert resource's name without its
     * component's name, e.g. {@code crash-loop} for {@code strata-dev-observability-crash-loop}.
     */
    public List<String> alerts() {
        var urnToName = new java.util.HashMap<String, String>();
        root.path("resources").forEach(r -> urnToName.put(r.path("urn").asText(), r.path("name").asText()));
        var out = new ArrayList<String>();
        for (JsonNode r : root.path("resources")) {
            if (ALERT_TYPES.contains(r.path("type").asText())) {
                String name = r.path("name").asText();
                String parent = urnToName.getOrDefault(r.path("parent").asText(), "");
                out.add(!parent.isEmpty() && name.startsWith(parent + "-") ? name.substring(parent.length() + 1) : name);
            }
        }
        return out.stream().sorted().toList();
    }
}
