package dev.strata.counter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
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
            "METRICS_PORT|x|METRICS_PORT = \"x\": allowed: an integer from 0 to 65535",
            "MIGRATE_DB_USER|bad-name|MIGRATE_DB_USER = \"bad-name\": allowed: a PostgreSQL role name",
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
                "BATCH_MAX", "0", "COUNTER_MODE", "y")));
        assertTrue(e.getMessage().contains("PORT = \"x\""));
        assertTrue(e.getMessage().contains("COUNTER_MODE = \"y\""));
        assertTrue(e.getMessage().contains("BATCH_MAX = \"0\""));
    }

    /** Item 12: the embedded database's data never lands in the working directory (a checkout, or the image's /). */
    @Test
    void theEmbeddedDataDirectoryIsPerUserUnlessDataDirIsSet() {
        assertEquals(Path.of("/home/ann/.local/share/strata-counter/db"),
                AppConfig.fromEnvironment(Map.of("HOME", "/home/ann")).dataDir());
        assertEquals(Path.of("/xdg/strata-counter/db"),
                AppConfig.fromEnvironment(Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "/xdg")).dataDir());
        assertEquals(Path.of("/data"), AppConfig.fromEnvironment(Map.of("HOME", "/home/ann", "DATA_DIR", "/data")).dataDir());
        assertEquals(Path.of("/old"), AppConfig.fromEnvironment(Map.of("EMBEDDED_DATA_DIR", "/old")).dataDir(),
                "the former name still works");
        assertTrue(AppConfig.fromEnvironment(Map.of()).dataDir().isAbsolute(), "never relative to the working directory");
    }

    @Test
    void metricsNeverShareThePublicPortAndTheMigrationRoleNeedsTheAppRole() {
        var e = assertThrows(AppConfig.Invalid.class, () -> AppConfig.fromEnvironment(Map.of("PORT", "9000",
                "METRICS_PORT", "9000")));
        assertTrue(e.getMessage().contains("METRICS_PORT = \"9000\": allowed: a port other than PORT"), e.getMessage());
        assertEquals(9464, AppConfig.fromEnvironment(Map.of()).metricsPort());
        var m = assertThrows(AppConfig.Invalid.class, () -> AppConfig.fromEnvironment(Map.of("MIGRATE_DB_USER", "owner")));
        assertTrue(m.getMessage().contains("MIGRATE_DB_USER is set but DATABASE_USER or DATABASE_PASSWORD is not"),
                m.getMessage());
    }
}
