package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Items 4 and 6: start without a database, a foreign schema, the migration role, and the bounded stop. */
class LifecycleTest {

    @Test
    void listensAtOnceWhileTheDatabaseIsDownThenConnectsAndMigratesWithoutRestart() throws Exception {
        try (var db = new TestDb()) {
            db.stop();
            try (var app = CounterApp.start(AppConfig.fromEnvironment(db.env()))) {
                var client = new Client(app.port());
                assertEquals(200, client.get("/health/live").status(), "alive while waiting for the database");
                var ready = client.get("/health/ready");
                assertEquals(503, ready.status());
                assertTrue(ready.json().path("reason").asText().startsWith("connecting")
                        || ready.json().path("reason").asText().startsWith("database not ready"), ready.body());
                var post = client.post();
                assertEquals(503, post.status());
                assertTrue(post.json().path("error").asText().contains("nothing was counted"), post.body());

                db.start();
                TestDb.awaitReady(app);
                assertEquals(1, client.post().json().path("counter").asLong(), "migrated and serving");
            }
        }
    }

    @Test
    void aForeignSchemaIsRefusedWithAClearMessageAndNeverBaselined() throws Exception {
        try (var db = new TestDb()) {
            db.sql("CREATE DATABASE legacy");
            var env = db.env();
            env.put("DATABASE_URL", db.url().replace("/postgres", "/legacy"));
            try (var c = java.sql.DriverManager.getConnection(env.get("DATABASE_URL"), "postgres", "");
                 var s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id int)");
            }
            var fatal = new AtomicReference<String>();
            try (var app = CounterApp.start(AppConfig.fromEnvironment(env), fatal::set)) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (fatal.get() == null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(String.valueOf(fatal.get()).contains("database \"legacy\" schema \"public\" already has tables"
                        + " [orders] but no Flyway history"), String.valueOf(fatal.get()));
                assertTrue(fatal.get().contains("does not adopt a foreign schema"));
                assertEquals(503, new Client(app.port()).get("/health/ready").status());
            }
            var e = assertThrows(Database.ForeignSchema.class, () -> CounterApp.migrateOnly(AppConfig.fromEnvironment(env)));
            assertTrue(e.getMessage().contains("no Flyway history"));
            try (var c = java.sql.DriverManager.getConnection(env.get("DATABASE_URL"), "postgres", "");
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "nothing was created in the foreign schema (no baseline)");
            }
        }
    }

    @Test
    void theMigrationRoleCreatesALeastPrivilegeAppRoleThatTheServiceRunsAs() throws Exception {
        try (var db = new TestDb()) {
            var job = db.env();
            job.put("MIGRATE_ONLY", "true");
            job.put("MIGRATE_DB_USER", "postgres");
            job.put("MIGRATE_DB_PASSWORD", "");
            job.put("DATABASE_USER", "counter_app");
            job.put("DATABASE_PASSWORD", "app-secret-1");
            CounterApp.migrateOnly(AppConfig.fromEnvironment(job));
            CounterApp.migrateOnly(AppConfig.fromEnvironment(job)); // idempotent: the role exists the second time
            db.sql("ALTER ROLE postgres SET log_statement = 'none'");
            try (var c = db.connect(); var rs = c.createStatement().executeQuery("SELECT rolsuper, rolcreaterole,"
                    + " rolcreatedb, rolpassword FROM pg_authid WHERE rolname = 'counter_app'")) {
                assertTrue(rs.next(), "the app role exists");
                assertFalse(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3), "no superuser, createrole, createdb");
                assertTrue(rs.getString(4).startsWith("SCRAM-SHA-256$"), "the password is stored as a SCRAM verifier");
            }
            var env = db.env();
            env.put("DATABASE_USER", "counter_app");
            env.put("DATABASE_PASSWORD", "app-secret-1");
            try (var app = TestDb.startReady(env)) {
                db.reset();
                assertEquals(1, new Client(app.port()).post().json().path("counter").asLong(), "serves as the app role");
                assertEquals(2, new Client(app.port()).send("POST", "/api/counter", null, Map.of("Idempotency-Key", "a"))
                        .json().path("counter").asLong(), "and writes idempotency keys");
            }
            try (var c = java.sql.DriverManager.getConnection(db.url(), "counter_app", "app-secret-1");
                 var s = c.createStatement()) {
                var drop = assertThrows(java.sql.SQLException.class, () -> s.execute("DROP TABLE counter"));
                assertTrue(drop.getMessage().contains("must be owner"), drop.getMessage());
                var create = assertThrows(java.sql.SQLException.class, () -> s.execute("CREATE TABLE x (i int)"));
                assertTrue(create.getMessage().contains("permission denied"), create.getMessage());
            }
        }
    }

    @Test
    void theWholeStopIsBoundedByTheDrainBudgetEvenWithTheWriterStuck() throws Exception {
        try (var db = new TestDb()) {
            var env = db.env();
            env.put("DRAIN_SECONDS", "2");
            var app = TestDb.startReady(env);
            var client = new Client(app.port());
            var statuses = new ConcurrentLinkedQueue<Integer>();
            long took;
            try (var lock = db.connect()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE counter IN ACCESS EXCLUSIVE MODE");
                var threads = new ArrayList<Thread>();
                for (int i = 0; i < 20; i++) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            statuses.add(client.post().status());
                        } catch (Exception e) {
                            statuses.add(-1);
                        }
                    }));
                }
                Thread.sleep(500); // the writer is stuck on the lock with a batch, the rest is queued
                long start = System.nanoTime();
                app.stop();
                took = (System.nanoTime() - start) / 1_000_000;
                lock.rollback();
                for (var t : threads) {
                    t.join();
                }
            }
            // the budget is DRAIN_SECONDS for the whole sequence; the old sequence took drain + server stop + a 30 s join
            assertTrue(took <= 2_000 + 1_500, "stop took " + took + " ms with DRAIN_SECONDS=2");
            assertEquals(20, statuses.size(), "every request got an answer or its connection closed: " + statuses);
        }
    }
}
