package dev.strata.counter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The connection pool, and the embedded PostgreSQL when no database is configured (data kept under
 * {@code EMBEDDED_DATA_DIR}, so the counter survives restarts). Schema migrations run with Flyway.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    public static Database open(AppConfig cfg, Metrics metrics) {
        EmbeddedPostgres embedded = null;
        String url;
        String user;
        String password;
        if (cfg.databaseUrl().isPresent()) {
            url = cfg.databaseUrl().get();
            user = cfg.databaseUser().orElse("counter");
            password = cfg.databasePassword().orElse("");
        } else {
            try {
                Files.createDirectories(cfg.embeddedDataDir());
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(cfg.embeddedDataDir())
                        .setCleanDataDirectory(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cfg.embeddedDataDir(), e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
            LOG.info("no DATABASE_URL: started the embedded PostgreSQL with data in {}", cfg.embeddedDataDir());
        }
        var hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setPoolName("counter");
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setMinimumIdle(Math.min(2, cfg.poolSize()));
        hc.setConnectionTimeout(2_000);
        hc.setValidationTimeout(1_000);
        // start even when the database is down: readiness reports it and requests get 503 until it is back
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("socketTimeout", "10");
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "counter");
        hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
        return new Database(embedded, new HikariDataSource(hc));
    }

    /** Applies pending migrations; safe to run from several instances at once (Flyway locks). */
    public void migrate() {
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("the embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
