package dev.strata.counter;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 2: a connection that breaks during the commit leaves the outcome unknown. The batch id written in the
 * transaction resolves it: committed batches are answered with their real values, and nothing in the database is
 * ever silently lost (answered, or logged and counted undelivered).
 */
class CommitOutcomeTest {
    static TestDb db;
    static HikariDataSource pool;

    /** Where the fault hits: after the database committed, or before it executed anything. */
    enum Fault { NONE, AFTER_COMMIT, BEFORE_EXECUTE }

    final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

    @BeforeAll
    static void database() throws Exception {
        db = new TestDb();
        pool = db.migratedPool(4);
    }

    @AfterAll
    static void stopDatabase() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void reset() throws SQLException {
        db.reset();
    }

    @Test
    void aBatchCommittedWhileItsConnectionBrokeIsAnsweredWithItsRealValues() throws Exception {
        var metrics = new Metrics();
        var committer = new GroupCommitter(new PostgresCounterStore(faulty(), Duration.ofDays(1)), metrics, 512, 100,
                Duration.ofSeconds(20));
        try {
            fault.set(Fault.AFTER_COMMIT);
            var plain = committer.submit(Optional.empty()).orElseThrow();
            assertEquals(1, plain.await(Duration.ofSeconds(10)).counter(), "keyless batch: the value it committed");
            fault.set(Fault.AFTER_COMMIT);
            var keyed = committer.submit(Optional.of("k-1")).orElseThrow();
            assertEquals(2, keyed.await(Duration.ofSeconds(10)).counter(), "keyed batch: the value it committed");
            var retry = committer.submit(Optional.of("k-1")).orElseThrow().await(Duration.ofSeconds(10));
            assertEquals(2, retry.counter(), "and its key was committed with it");
            assertEquals(2, db.counter());
            assertEquals(0.0, metrics.undeliveredCount());

            fault.set(Fault.BEFORE_EXECUTE);
            var lost = committer.submit(Optional.empty()).orElseThrow();
            var e = assertThrows(GroupCommitter.Unavailable.class, () -> lost.await(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("nothing was counted"), e.getMessage());
            assertEquals(2, db.counter(), "a batch that never reached the database is not counted");
        } finally {
            committer.close(System.nanoTime());
        }
    }

    @Test
    void connectionsCutInTheCommitsAcknowledgementUnderLoadLoseNoIncrementSilently() throws Exception {
        try (var proxy = new CuttingProxy(db.port())) {
            var env = db.env();
            env.put("DATABASE_URL", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres");
            env.put("REQUEST_TIMEOUT_MS", "3000");
            try (var app = TestDb.startReady(env)) {
                var client = new Client(app.port());
                var load = new ResilienceTest.Load(client, 16);
                Thread.sleep(300);
                proxy.cutShare = 0.05; // one database reply in 20 is lost with its connection
                Thread.sleep(5_000);
                proxy.cutShare = 0;
                Thread.sleep(1_000);
                load.close();
                // outcomes the writer could not resolve at once are resolved in the background (every second)
                long deadline = System.currentTimeMillis() + 15_000;
                long durable = db.counter();
                while (durable != load.values.size() + (long) app.metrics().undeliveredCount()
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    durable = db.counter();
                }
                assertTrue(proxy.cuts.get() > 0, "connections were cut: " + proxy.cuts.get());
                assertEquals(0, load.other.get(), "only 200 or 503");
                assertEquals(load.values.size(), new HashSet<>(load.values).size(), "no value handed out twice");
                assertEquals(durable, load.values.size() + (long) app.metrics().undeliveredCount(),
                        "every increment in the database was answered or counted undelivered");
                assertTrue(app.metrics().recoveredCount() > 0, "some commits whose acknowledgement was lost were"
                        + " found committed and answered with their values");
            }
        }
    }

    /** The pool, with connections whose commit can break after (or before) reaching the database. */
    private DataSource faulty() {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return wrap(pool.getConnection());
            }

            @Override
            public Connection getConnection(String u, String p) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private static SQLException broken() {
        return new SQLException("An I/O error occurred while sending to the backend (injected)", "08006");
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("commit") && fault.get() == Fault.AFTER_COMMIT) {
                        real.commit();
                        fault.set(Fault.NONE);
                        throw broken();
                    }
                    Object r = invoke(real, m, args);
                    if (m.getName().equals("prepareStatement") && ((String) args[0]).startsWith("WITH u AS")) {
                        return wrap((PreparedStatement) r, real);
                    }
                    return r;
                });
    }

    private PreparedStatement wrap(PreparedStatement real, Connection connection) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, m, args) -> {
                    if (m.getName().equals("executeQuery")) {
                        if (fault.get() == Fault.BEFORE_EXECUTE) {
                            fault.set(Fault.NONE);
                            throw broken();
                        }
                        if (fault.get() == Fault.AFTER_COMMIT && connection.getAutoCommit()) {
                            real.executeQuery().close(); // auto-committed: durable, but the answer is lost
                            fault.set(Fault.NONE);
                            throw broken();
                        }
                    }
                    return invoke(real, m, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unused")
    private static List<Long> values(List<CounterValue> vs) {
        var out = new ArrayList<Long>();
        vs.forEach(v -> out.add(v.counter()));
        return out;
    }
}
