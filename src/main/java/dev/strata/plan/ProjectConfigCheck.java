package dev.strata.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.strata.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks the Pulumi CLI makes before it runs the program, offline:
 * <ul>
 *   <li>{@code Pulumi.yaml} against the CLI's project schema (pulumi/pulumi
 *       {@code sdk/go/common/workspace/project.json}, vendored under {@code pulumi/}), both today's and the one of
 *       CLIs before v3.186.0, where a config declaration's {@code type} is only string, integer, boolean or array
 *       ({@code object} came with pulumi/pulumi#20129); the project file must load on both;</li>
 *   <li>the stack's values against the typed declarations, as {@code validateStackConfigValues} in
 *       pulumi/pulumi {@code pkg/workspace/config.go} does: a value of the wrong type, a declared secret that is
 *       not encrypted, a typed key with no default and no value. The messages are the CLI's.</li>
 * </ul>
 * A key the project does not declare passes here, as under the CLI; the program's loader reports it.
 */
public final class ProjectConfigCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = Map.of(
            "the Pulumi CLI's project schema", loadSchema("/pulumi/project.json"),
            "the project schema of Pulumi CLIs before v3.186.0", loadSchema("/pulumi/project-v3.185.json"));

    private ProjectConfigCheck() {
    }

    private static JsonSchema loadSchema(String resource) {
        try (InputStream in = ProjectConfigCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the vendored Pulumi project schema is missing");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems of the project file against the CLI's schema, one line each (empty when valid). */
    public static List<String> projectProblems(JsonNode project) {
        var out = new TreeSet<String>();
        SCHEMAS.forEach((name, schema) -> {
            for (ValidationMessage m : schema.validate(project)) {
                out.add("Pulumi.yaml does not match " + name + ": " + m.getMessage());
            }
        });
        return List.copyOf(out);
    }

    /** Throws a {@link ConfigException} with the CLI's messages when the CLI would refuse to run the stack. */
    public static void check(String stack, JsonNode project, JsonNode stackConfig) {
        var problems = new ArrayList<>(projectProblems(project));
        if (problems.isEmpty()) {
            problems.addAll(stackProblems(stack, project, stackConfig));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(stack, problems);
        }
    }

    /** The CLI's checks of the stack's values against the project's typed declarations. */
    public static List<String> stackProblems(String stack, JsonNode project, JsonNode stackConfig) {
        String name = project.path("name").asText();
        var problems = new ArrayList<String>();
        var missing = new TreeSet<String>();
        Iterator<Map.Entry<String, JsonNode>> it = project.path("config").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode decl = e.getValue();
            if (!decl.isObject() || !decl.has("type")) {
                continue;
            }
            String key = e.getKey().contains(":") ? e.getKey() : name + ":" + e.getKey();
            JsonNode value = stackConfig.get(key);
            if (value == null && !e.getKey().contains(":")) {
                value = stackConfig.get(name + ":config:" + e.getKey());
            }
            if (value == null) {
                if (!decl.has("default") && !decl.has("value")) {
                    missing.add(e.getKey());
                }
                continue;
            }
            boolean secure = value.isObject() && value.size() == 1 && value.has("secure");
            if (decl.path("secret").asBoolean(false) && !secure) {
                problems.add("Stack '" + stack + "' with configuration key '" + e.getKey()
                        + "' must be encrypted as it's secret");
            }
            // the CLI holds a scalar stack value as its text (config.Value), an object or list as JSON
            JsonNode content = value.isValueNode() ? com.fasterxml.jackson.databind.node.TextNode.valueOf(value.asText())
                    : value;
            if (!secure && !valid(decl.path("type").asText(), decl.path("items"), content)) {
                problems.add("Stack '" + stack + "' with configuration key '" + e.getKey() + "' must be of type '"
                        + typeName(decl) + "'");
            }
        }
        if (!missing.isEmpty()) {
            problems.add("Stack '" + stack + "' is missing configuration " + (missing.size() == 1 ? "value" : "values")
                    + " " + String.join(" and ", missing.stream().map(k -> "'" + k + "'").toList()));
        }
        return problems;
    }

    /**
     * As pulumi/pulumi {@code workspace.ValidateConfigValue}: an integer may be a whole number or text that parses
     * as one, a boolean the literal text "true"/"false" or a boolean.
     */
    private static boolean valid(String type, JsonNode items, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                    || value.isTextual() && value.asText().matches("[+-]?[0-9]+");
            case "boolean" -> value.isBoolean() || value.isTextual() && value.asText().matches("true|false");
            case "array" -> value.isArray() && (items.isMissingNode() || allValid(items, value));
            default -> false;
        };
    }

    private static boolean allValid(JsonNode items, JsonNode array) {
        for (JsonNode v : array) {
            if (!valid(items.path("type").asText(), items.path("items"), v)) {
                return false;
            }
        }
        return true;
    }

    private static String typeName(JsonNode decl) {
        return decl.path("type").asText().equals("array")
                ? "List<" + (decl.path("items").isMissingNode() ? "any" : typeName(decl.path("items"))) + ">"
                : decl.path("type").asText();
    }

    /** Type names the CLI accepts in a declaration. */
    static final Set<String> TYPES = Set.of("string", "integer", "boolean", "array");
}
