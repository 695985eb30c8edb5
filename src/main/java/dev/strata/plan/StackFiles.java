package dev.strata.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.config.ConfigKey;
import dev.strata.config.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads config the way the Pulumi CLI resolves it, without the CLI: the project's {@code Pulumi.yaml}
 * defaults, overlaid by {@code Pulumi.<stack>.yaml}. Scalars become their text, lists and maps JSON
 * text, exactly what {@code ctx.config().get} returns under the engine. Encrypted values
 * ({@code secure:}) cannot be decrypted offline and are refused with a clear message.
 */
public final class StackFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() {
    }

    /** The project name declared in {@code Pulumi.yaml}. */
    public static String projectName(Path projectDir) {
        return read(projectDir.resolve("Pulumi.yaml")).path("name").asText();
    }

    /** Stack names with a {@code Pulumi.<stack>.yaml} in the project directory, sorted. */
    public static List<String> stacks(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("Pulumi\\.[A-Za-z0-9_.-]+\\.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys {@code Pulumi.yaml} declares for the project namespace, in file order. */
    public static List<String> declaredKeys(Path projectDir) {
        var keys = new java.util.ArrayList<String>();
        read(projectDir.resolve("Pulumi.yaml")).path("config").fieldNames().forEachRemaining(k -> keys.add(bare(k)));
        return keys;
    }

    /**
     * The config source of {@code stack}, with {@code overrides} (bare key -> value) applied last, as
     * {@code scripts/plan --cloud} does.
     */
    public static ConfigSource source(Path projectDir, String stack, Map<String, String> overrides) {
        Resolved r = resolve(projectDir, stack, overrides);
        return new ConfigSource(projectName(projectDir), stack, key -> Optional.ofNullable(r.values().get(key)),
                r.present());
    }

    /** Bare key to text after defaults, stack file and overrides; and the keys the stack file or overrides set. */
    private record Resolved(Map<String, String> values, Set<String> present) {
    }

    private static Resolved resolve(Path projectDir, String stack, Map<String, String> overrides) {
        Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException("no stack file " + stackFile.getFileName() + " (stacks here: "
                    + String.join(", ", stacks(projectDir)) + ")");
        }
        String project = projectName(projectDir);
        var values = new HashMap<String, String>();
        read(projectDir.resolve("Pulumi.yaml")).path("config").fields().forEachRemaining(e -> {
            JsonNode decl = e.getValue();
            JsonNode dflt = decl.isObject() && (decl.has("default") || decl.has("value"))
                    ? (decl.has("value") ? decl.get("value") : decl.get("default"))
                    : decl.isObject() ? null : decl;
            if (dflt != null && inNamespace(e.getKey(), project)) {
                values.put(bare(e.getKey()), text(e.getKey(), dflt));
            }
        });
        Set<String> present = new HashSet<>();
        read(stackFile).path("config").fields().forEachRemaining(e -> {
            if (inNamespace(e.getKey(), project)) {
                present.add(bare(e.getKey()));
                values.put(bare(e.getKey()), text(e.getKey(), e.getValue()));
            }
        });
        overrides.forEach((k, v) -> {
            present.add(k);
            values.put(k, v);
        });
        return new Resolved(values, present);
    }

    /**
     * What the CLI would hand the program for {@code stack}: project defaults overlaid by the stack file (and
     * {@code overrides}), as {@code strata:<key>} to text, after the CLI's own checks of typed project config
     * ({@link ProjectConfigCheck}). Encrypted ({@code secure:}) values cannot be decrypted offline and are refused.
     */
    public static EngineInput engineInput(Path projectDir, String stack, Map<String, String> overrides) {
        JsonNode project = read(projectDir.resolve("Pulumi.yaml"));
        Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException("no stack file " + stackFile.getFileName() + " (stacks here: "
                    + String.join(", ", stacks(projectDir)) + ")");
        }
        JsonNode stackConfig = read(stackFile).path("config");
        ProjectConfigCheck.check(stack, project, stackConfig);
        var config = new java.util.TreeMap<String, String>();
        resolve(projectDir, stack, overrides).values().forEach((k, v) -> config.put(ConfigKey.NAMESPACE + ":" + k, v));
        String cloud = config.getOrDefault(ConfigKey.NAMESPACE + ":cloud", "aws");
        String region = config.getOrDefault(ConfigKey.NAMESPACE + ":" + (cloud.equals("gcp") ? "gcpRegion"
                : "awsRegion"), "us-east-1");
        String gcpProject = config.getOrDefault(ConfigKey.NAMESPACE + ":gcpProject", "no-project");
        return new EngineInput(projectName(projectDir), stack, config, Set.of(), region, gcpProject);
    }

    private static boolean inNamespace(String key, String project) {
        return !key.contains(":") || key.startsWith(project + ":") || key.startsWith(ConfigKey.NAMESPACE + ":");
    }

    private static String bare(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(colon + 1);
    }

    private static String text(String key, JsonNode value) {
        if (value.isObject() && value.size() == 1 && value.has("secure")) {
            throw new IllegalArgumentException(key + " is encrypted (secure:); the offline plan cannot decrypt"
                    + " stack secrets. Plan a stack file without secrets, or use pulumi preview.");
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? TextNode.valueOf("") : node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Sorted declared keys, for comparisons. */
    public static Set<String> declaredKeySet(Path projectDir) {
        return new TreeSet<>(declaredKeys(projectDir));
    }
}
