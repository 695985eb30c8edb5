package dev.strata.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/** Serialises a {@link Plan} in the {@code plan.json} contract (see docs/architecture.md). */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        var root = new LinkedHashMap<String, Object>();
        root.put("stack", plan.stack());
        root.put("cloud", plan.cloud().id());
        root.put("project", plan.project());
        root.put("resources", plan.resources().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("urn", r.urn());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("parent", r.parent());
            m.put("provider", r.provider());
            m.put("id", r.id());
            m.put("props", r.props());
            return m;
        }).toList());
        root.put("outputs", plan.outputs());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
