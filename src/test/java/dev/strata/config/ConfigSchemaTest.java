package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

    @Test
    void pulumiYamlDeclaresExactlyTheKeysTheProgramReads() {
        assertEquals(codeKeys(), StackFiles.declaredKeySet(Fixtures.projectDir()));
    }

    @Test
    void everyDeclaredKeyHasTypeDescriptionAndDefault() throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(
                Fixtures.projectDir().resolve("Pulumi.yaml").toFile()).path("config");
        Set<String> types = Set.of("string", "integer", "boolean", "array", "object");
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
