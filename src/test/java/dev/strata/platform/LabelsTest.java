package dev.strata.platform;

import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {

    @Test
    void everyStackCarriesOwnershipTags() {
        var tags = Labels.of(Fixtures.config("prod", Cloud.AWS));
        assertEquals(Map.of("project", "strata", "stack", "prod", "environment", "prod", "owner", "platform",
                "cost-center", "engineering", "managed-by", "pulumi"), tags);
        assertTrue(tags.keySet().containsAll(Labels.REQUIRED));
    }

    @Test
    void gcpLabelsAreSanitised() {
        var labels = Labels.gcp(Map.of("Cost Center", "R&D/EU", "9lives", "x".repeat(80)));
        assertEquals("r_d_eu", labels.get("cost_center"));
        assertEquals(63, labels.get("k9lives").length());
        labels.forEach((k, v) -> {
            assertTrue(k.matches("[a-z][a-z0-9_-]{0,62}"), k);
            assertTrue(v.matches("[a-z0-9_-]{0,63}"), v);
        });
    }
}
