package dev.strata.counter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {

    @Test
    void defaultsRunEverythingOnTheEmbeddedDatabase() {
        var cfg = AppConfig.fromEnvironment(Map.of());
        assertEquals(8080, cfg.port());
        assertEquals(AppConfig.Role.ALL, cfg.role());
        assertTrue(cfg.databaseUrl().isEmpty());
        assertEquals(AppConfig.Mode.BATCHED, cfg.mode());
        assertEquals(Duration.ofSeconds(20), cfg.drain());
        assertTrue(cfg.needsDatabase());
        assertFalse(AppConfig.fromEnvironment(Map.of("ROLE", "web", "API_URL", "http://api:8080")).needsDatabase());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PORT|eighty|PORT = \"eighty\": allowed: an integer from 0 to 65535",
            "PORT|70000|PORT = \"70000\": allowed: an integer from 0 to 65535",
            "ROLE|worker|ROLE = \"worker\": allowed: all, api, web",
            "COUNTER_MODE|fast|COUNTER_MODE = \"fast\": allowed: batched, naive, nodb",
            "DATABASE_URL|postgres://x/y|DATABASE_URL = \"postgres://x/y\": allowed: a jdbc:postgresql://",
            "API_URL|api:8080|API_URL = \"api:8080\": allowed: an http(s):// URL",
            "BATCH_MAX|0|BATCH_MAX = \"0\": allowed: an integer from 1 to 10000",
            "MIGRATE_ONLY|yes|MIGRATE_ONLY = \"yes\": allowed: true, false"})
    void everyBadValueIsNamedWithWhatIsAllowed(String key, String value, String message) {
        var e = assertThrows(AppConfig.Invalid.class, () -> AppConfig.fromEnvironment(Map.of(key, value)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        var e = assertThrows(AppConfig.Invalid.class, () -> AppConfig.fromEnvironment(Map.of("PORT", "x",
                "ROLE", "web", "COUNTER_MODE", "y")));
        assertTrue(e.getMessage().contains("PORT = \"x\""));
        assertTrue(e.getMessage().contains("COUNTER_MODE = \"y\""));
        assertTrue(e.getMessage().contains("API_URL is not set: the web role reads the counter from the api role"));
    }
}
