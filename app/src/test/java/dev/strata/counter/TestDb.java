package dev.strata.counter;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL for tests, on a fixed port and data directory so it can be stopped and restarted. */
final class TestDb implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    TestDb() {
        try {
            this.dataDir = Files.createTempDirectory("counter-test-db");
            try (var s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    void start() {
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", url());
        env.put("DATABASE_USER", "postgres");
        env.put("DATABASE_PASSWORD", "");
        env.put("DRAIN_SECONDS", "5");
        env.put("METRICS_PORT", "0");
        return env;
    }

    /** Starts the service on this database and waits until it is connected and migrated. */
    static CounterApp startReady(Map<String, String> env) throws InterruptedException {
        var app = CounterApp.start(AppConfig.fromEnvironment(env));
        awaitReady(app);
        return app;
    }

    static void awaitReady(CounterApp app) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!app.ready()) {
            if (System.nanoTime() > deadline) {
                app.stop();
                throw new AssertionError("the service did not become ready within 60 s");
            }
            Thread.sleep(20);
        }
    }

    /** Migrates this database (through the service) and returns a small pool on it, as the superuser. */
    com.zaxxer.hikari.HikariDataSource migratedPool(int size) throws InterruptedException {
        startReady(env()).stop();
        var pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(url());
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(size);
        return pool;
    }

    /** Runs SQL as the superuser. */
    void sql(String... statements) throws SQLException {
        try (var c = connect(); var s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    int port() {
        return port;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    long counter() throws SQLException {
        try (var c = connect(); var rs = c.createStatement().executeQuery("SELECT value FROM counter WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Starts each test from zero. */
    void reset() throws SQLException {
        try (var c = connect(); var s = c.createStatement()) {
            s.execute("UPDATE counter SET value = 0 WHERE id = 1");
            s.execute("TRUNCATE idempotency_keys, counter_batches");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
