package dev.strata.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/** Serialises a {@link Plan} in the {@code plan.json} contract (see docs/architecture.md). */
public final class PlanJson {
    /** 2: dependencies, propertyDependencies, options, preview plans ("[unknown]"). */
    public static final int SCHEMA_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    private static Map<String, Object> options(ResourceOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protect", o.protect());
        m.put("retainOnDelete", o.retainOnDelete());
        m.put("deleteBeforeReplace", o.deleteBeforeReplace());
        m.put("ignoreChanges", o.ignoreChanges());
        m.put("replaceOnChanges", o.replaceOnChanges());
        m.put("aliases", o.aliases());
        m.put("customTimeouts", o.customTimeouts());
        m.put("version", o.version());
        m.put("pluginDownloadURL", o.pluginDownloadURL());
        return m;
    }

    public static String write(Plan plan) {
        var root = new LinkedHashMap<String, Object>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("stack", plan.stack());
        root.put("cloud", plan.cloud().id());
        root.put("project", plan.project());
        root.put("preview", plan.preview());
        root.put("resources", plan.resources().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("urn", r.urn());
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("parent", r.parent());
            m.put("provider", r.provider());
            m.put("id", r.id());
            m.put("props", r.props());
            m.put("dependencies", r.dependencies());
            m.put("propertyDependencies", r.propertyDependencies());
            m.put("options", options(r.options()));
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
