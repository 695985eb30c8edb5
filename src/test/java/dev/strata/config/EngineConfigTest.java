package dev.strata.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EngineConfigTest {

    @Test
    void readsTheStrataKeysOfTheEnginesConfig() {
        String json = "{\"strata:cloud\":\"aws\",\"strata:config:appPort\":\"8080\",\"aws:region\":\"us-east-1\","
                + "\"strata:nodePools\":\"{}\"}";
        assertEquals(Set.of("cloud", "appPort", "nodePools"), EngineConfig.namespaceKeys(json));
    }

    @Test
    void readsTheStrataSecretKeysOfTheEnginesList() {
        assertEquals(Set.of("appEnv"), EngineConfig.secretKeys("[\"strata:appEnv\",\"aws:secretKey\"]"));
        assertEquals(Set.of(), EngineConfig.secretKeys(null));
        var e = assertThrows(IllegalStateException.class, () -> EngineConfig.secretKeys("["));
        assertEquals("the engine's PULUMI_CONFIG_SECRET_KEYS is not valid JSON", e.getMessage());
    }

    @Test
    void noConfigMeansNoKeys() {
        assertEquals(Set.of(), EngineConfig.namespaceKeys(null));
        assertEquals(Set.of(), EngineConfig.namespaceKeys(""));
    }

    @Test
    void brokenConfigIsAnError() {
        var e = assertThrows(IllegalStateException.class, () -> EngineConfig.namespaceKeys("{"));
        assertEquals("the engine's PULUMI_CONFIG is not valid JSON", e.getMessage());
    }
}
