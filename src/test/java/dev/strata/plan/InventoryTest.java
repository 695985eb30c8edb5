package dev.strata.plan;

import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The golden inventory: the committed review text of every plan matches the program. */
class InventoryTest {

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void committedInventoryMatchesTheProgram(String stack, Cloud cloud) throws Exception {
        Path file = Fixtures.projectDir().resolve("inventory").resolve(stack + "-" + cloud.id() + ".txt");
        assertTrue(Files.exists(file), file.getFileName() + " is missing: run scripts/plan --all and commit it");
        String actual = Inventory.render(Planner.plan(Fixtures.config(stack, cloud)));
        assertEquals(Files.readString(file), actual, "the infrastructure changed: run scripts/plan --all and"
                + " review the diff of inventory/" + file.getFileName());
    }

    @Test
    void listsOnlyRelevantInputsFlattenedAndSorted() {
        Map<String, Object> props = Map.of(
                "publiclyAccessible", false,
                "name", "db",
                "tags", Map.of("owner", "platform"),
                "ingress", List.of(Map.of("cidrBlocks", List.of("10.0.0.0/8"), "fromPort", 5432.0)),
                "allocatedStorage", 20.0,
                "replicas", 3.0);
        assertEquals(List.of("ingress[0].cidrBlocks[0] = 10.0.0.0/8", "ingress[0].fromPort = 5432",
                "publiclyAccessible = false", "replicas = 3", "tags.owner = platform"), Inventory.flatten("", props));
    }
}
