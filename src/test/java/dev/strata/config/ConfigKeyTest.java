package dev.strata.config;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigKeyTest {

    @Test
    void suggestsTheClosestKeyForTypos() {
        assertEquals(Optional.of(ConfigKey.NODE_POOLS), ConfigKey.closest("nodepool"));
        assertEquals(Optional.of(ConfigKey.APP_REPLICAS), ConfigKey.closest("appReplica"));
        assertEquals(Optional.of(ConfigKey.AWS_REGION), ConfigKey.closest("awsregoin"));
        assertEquals(Optional.empty(), ConfigKey.closest("somethingElseEntirely"));
    }

    @Test
    void everyKeySuggestsItselfAndNamesAreUnique() {
        for (ConfigKey k : ConfigKey.values()) {
            assertEquals(Optional.of(k), ConfigKey.closest(k.key()));
            assertEquals(Optional.of(k), ConfigKey.byKey(k.key()));
            assertEquals("strata:" + k.key(), k.qualified());
        }
        assertEquals(ConfigKey.values().length, Arrays.stream(ConfigKey.values()).map(ConfigKey::key).distinct()
                .count());
    }

    @Test
    void editDistance() {
        assertEquals(0, ConfigKey.distance("abc", "abc"));
        assertEquals(1, ConfigKey.distance("abc", "abd"));
        assertEquals(3, ConfigKey.distance("", "abc"));
        assertTrue(ConfigKey.distance("kitten", "sitting") == 3);
    }
}
