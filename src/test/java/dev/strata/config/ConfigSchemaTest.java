package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.strata.plan.ProjectConfigCheck;
import dev.strata.plan.StackFiles;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulumi.yaml, the code's key list and docs/configuration.md describe the same keys. */
class ConfigSchemaTest {

    private static Set<String> codeKeys() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> objectKeys() {
        return Arrays.stream(ConfigKey.values()).filter(k -> k.objectDefault().isPresent()).map(ConfigKey::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void pulumiYamlDeclaresExactlyTheKeysTheProgramReadsExceptObjectValuedOnes() {
        var expected = new TreeSet<>(codeKeys());
        expected.removeAll(objectKeys());
        assertEquals(expected, StackFiles.declaredKeySet(Fixtures.projectDir()));
        assertEquals(Set.of("appEnv", "nodePools"), objectKeys());
    }

    @Test
    void objectValuedDefaultsAreValidJsonMaps() throws Exception {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.objectDefault().isPresent()) {
                assertTrue(new ObjectMapper().readTree(k.objectDefault().get()).isObject(), k.key());
            }
        }
    }

    /** pulumi/pulumi project.json: a declared type is string, integer, boolean or array; the CLI refuses others. */
    @Test
    void pulumiYamlPassesTheCliProjectSchema() throws Exception {
        JsonNode project = new ObjectMapper(new YAMLFactory()).readTree(
                Fixtures.projectDir().resolve("Pulumi.yaml").toFile());
        assertEquals(java.util.List.of(), ProjectConfigCheck.projectProblems(project));
    }

    @Test
    void theCliProjectSchemaRejectsAnObjectTypedDeclaration() throws Exception {
        JsonNode project = new ObjectMapper(new YAMLFactory()).readTree("""
                name: strata
                runtime: java
                config:
                  nodePools:
                    type: object
                    default: {}
                """);
        var problems = ProjectConfigCheck.projectProblems(project);
        assertFalse(problems.isEmpty(), "object is not a type the CLI accepts");
        assertTrue(problems.stream().anyMatch(p -> p.contains("nodePools") || p.contains("config")), problems.toString());
    }

    @Test
    void everyStackFilePassesTheCliStackConfigChecks() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        JsonNode project = yaml.readTree(Fixtures.projectDir().resolve("Pulumi.yaml").toFile());
        for (String stack : StackFiles.stacks(Fixtures.projectDir())) {
            JsonNode cfg = yaml.readTree(Fixtures.projectDir().resolve("Pulumi." + stack + ".yaml").toFile())
                    .path("config");
            assertEquals(java.util.List.of(), ProjectConfigCheck.stackProblems(stack, project, cfg), stack);
        }
    }

    @Test
    void theCliStackChecksSpeakTheCliMessages() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        JsonNode project = yaml.readTree("""
                name: strata
                runtime: java
                config:
                  replicas: {type: integer, default: 2}
                  ha: {type: boolean, default: false}
                  cidrs: {type: array, items: {type: string}, default: []}
                  token: {type: string, secret: true}
                  region: {type: string}
                """);
        JsonNode stack = yaml.readTree("""
                strata:replicas: two
                strata:ha: "yes"
                strata:cidrs: 10.0.0.0/8
                strata:token: plain
                """);
        assertEquals(java.util.List.of(
                "Stack 'dev' with configuration key 'replicas' must be of type 'integer'",
                "Stack 'dev' with configuration key 'ha' must be of type 'boolean'",
                "Stack 'dev' with configuration key 'cidrs' must be of type 'List<string>'",
                "Stack 'dev' with configuration key 'token' must be encrypted as it's secret",
                "Stack 'dev' is missing configuration value 'region'"),
                ProjectConfigCheck.stackProblems("dev", project, stack));
        JsonNode fine = yaml.readTree("""
                strata:replicas: "3"
                strata:ha: true
                strata:cidrs: [10.0.0.0/8]
                strata:token: {secure: v1:abc}
                strata:region: eu-west-1
                """);
        assertEquals(java.util.List.of(), ProjectConfigCheck.stackProblems("dev", project, fine));
    }

    @Test
    void everyDeclaredKeyHasTypeDescriptionAndDefault() throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(
                Fixtures.projectDir().resolve("Pulumi.yaml").toFile()).path("config");
        Set<String> types = Set.of("string", "integer", "boolean", "array");
        config.fields().forEachRemaining(e -> {
            JsonNode decl = e.getValue();
            assertTrue(types.contains(decl.path("type").asText()), e.getKey() + " needs a type");
            assertTrue(decl.path("description").asText().length() > 10, e.getKey() + " needs a description");
            assertTrue(decl.has("default"), e.getKey() + " needs a default (\"\" for optional keys)");
            if (decl.path("type").asText().equals("array")) {
                assertTrue(decl.has("items"), e.getKey() + " is an array and needs items");
            }
        });
    }

    @Test
    void docsListExactlyTheDeclaredKeys() throws Exception {
        String doc = Files.readString(Fixtures.projectDir().resolve("docs/configuration.md"));
        var documented = new TreeSet<String>();
        var m = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(doc);
        while (m.find()) {
            assertTrue(documented.add(m.group(1)), "documented twice: " + m.group(1));
        }
        assertEquals(codeKeys(), documented);
    }

    @Test
    void stackFilesHoldOnlyValuesThatDifferFromTheDefaults() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        JsonNode project = yaml.readTree(Fixtures.projectDir().resolve("Pulumi.yaml").toFile()).path("config");
        for (String stack : StackFiles.stacks(Fixtures.projectDir())) {
            JsonNode cfg = yaml.readTree(Fixtures.projectDir().resolve("Pulumi." + stack + ".yaml").toFile())
                    .path("config");
            cfg.fields().forEachRemaining(e -> {
                String key = e.getKey().substring(e.getKey().indexOf(':') + 1);
                JsonNode dflt = project.path(key).path("default");
                assertFalse(dflt.asText().equals(e.getValue().asText()) && dflt.equals(e.getValue()),
                        stack + " repeats the default of " + e.getKey());
            });
        }
    }
}
