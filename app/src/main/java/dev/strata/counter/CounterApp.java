package dev.strata.counter;

import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The wiring. Start order: listen at once (readiness false), then connect to the database and migrate in the
 * background, retrying every 2 s for as long as it takes (readiness says why it is not ready); only then the store,
 * the group committer and readiness. A schema that is not ours is fatal: a clear message and exit 1.
 *
 * <p>Graceful stop, bounded as a whole by {@code DRAIN_SECONDS}: readiness fails, the listener stops accepting,
 * requests already received finish, the server stops, the writer commits what is queued, then the pool and the
 * embedded database close. Each step gets what is left of the budget; nothing waits past it.
 */
public final class CounterApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CounterApp.class);
    /** The longest a request taken into a commit waits: JDBC socket timeout 10 s + resolve 2 s + connect 2 s, margin. */
    static final Duration COMMIT_BOUND = Duration.ofSeconds(20);
    static final Duration RETRY = Duration.ofSeconds(2);
    /** Selector threads: one per core, as the hot route runs on them (Jetty's default would be one for two cores). */
    static final int SELECTORS = Runtime.getRuntime().availableProcessors();

    private final AppConfig cfg;
    private final Metrics metrics;
    private final Health health;
    private final CounterService service;
    private final Javalin server;
    private final ServerConnector connector;
    private final Routes routes;
    private final MetricsServer metricsServer;
    private final CounterHandler hot;
    private final Consumer<String> onFatal;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("housekeeping").factory());
    private volatile Thread initializer;
    private volatile Database database;
    private volatile GroupCommitter committer;
    private volatile boolean stopped;

    private CounterApp(AppConfig cfg, Metrics metrics, Health health, CounterService service, Javalin server,
                       ServerConnector connector, Routes routes, MetricsServer metricsServer, CounterHandler hot,
                       Consumer<String> onFatal) {
        this.cfg = cfg;
        this.metrics = metrics;
        this.health = health;
        this.service = service;
        this.server = server;
        this.connector = connector;
        this.routes = routes;
        this.metricsServer = metricsServer;
        this.hot = hot;
        this.onFatal = onFatal;
    }

    /** Runs the migrations (and, with a migration role, creates the app role) and returns; the migration Job. */
    public static void migrateOnly(AppConfig cfg) {
        try (var db = Database.open(cfg, new Metrics())) {
            db.migrate();
            LOG.info("migrations applied");
        }
    }

    /** Starts the service; a fatal start problem is only logged (tests). */
    public static CounterApp start(AppConfig cfg) {
        return start(cfg, message -> { });
    }

    /**
     * Listens at once and connects in the background.
     *
     * @param onFatal called with the message when the service cannot ever become ready (the process exits 1)
     */
    public static CounterApp start(AppConfig cfg, Consumer<String> onFatal) {
        var metrics = new Metrics();
        var health = new Health(cfg.needsDatabase());
        var service = new CounterService(cfg.mode(), metrics, cfg.requestTimeout());
        var routes = new Routes(cfg, service, health, metrics);
        // the metrics port first: if it is taken, fail before the public listener accepts anything
        var metricsServer = new MetricsServer(cfg.metricsPort(), metrics);
        var connector = new ServerConnector[1];
        // Jetty's selectors and acceptor on platform threads; every task that may block (Javalin's routes, naive
        // mode's transaction) on a virtual thread. The hot route blocks nothing: it runs on the selectors.
        var virtualThreads = Thread.ofVirtual().name("http-", 0).factory();
        Executor blocking = task -> virtualThreads.newThread(task).start();
        var pool = new ServerPool();
        pool.setVirtualThreadsExecutor(blocking);
        var hot = new CounterHandler(cfg, service, routes, metrics, blocking);
        var server = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.jetty.threadPool = pool;
            c.startup.showJavalinBanner = false;
            c.http.prefer405over404 = true;
            c.jetty.modifyServer(srv -> {
                srv.setStopTimeout(500); // requests are drained before; this bounds the rest
                srv.insertHandler(hot); // in front of Javalin's context, which Javalin attaches inside it
            });
            c.jetty.addConnector((srv, http) -> {
                var sc = new ServerConnector(srv, 1, SELECTORS, new HttpConnectionFactory(http));
                sc.setPort(cfg.port());
                // both must be set before the connector opens its socket: the backlog is passed to listen()
                sc.setAcceptQueueSize(4096);
                sc.setIdleTimeout(AppConfig.IDLE_TIMEOUT.toMillis());
                connector[0] = sc;
                return sc;
            });
            routes.register(c);
        });
        try {
            server.start();
        } catch (RuntimeException e) {
            metricsServer.close();
            throw e;
        }
        var app = new CounterApp(cfg, metrics, health, service, server, connector[0], routes, metricsServer, hot,
                onFatal);
        LOG.info("counter listening on port {} (role {}, mode {}), metrics on port {}", app.port(), cfg.role(),
                cfg.mode(), metricsServer.port());
        if (cfg.needsDatabase()) {
            app.initializer = Thread.ofVirtual().name("database-init").start(app::connect);
        }
        return app;
    }

    /** Connects and migrates, retrying until it works, the app stops, or the problem is one no retry can fix. */
    private void connect() {
        int attempt = 0;
        while (!stopped) {
            attempt++;
            try {
                if (database == null) {
                    database = Database.open(cfg, metrics);
                    database.embeddedDataDir().ifPresent(d -> LOG.info("embedded PostgreSQL data directory: {}",
                            d.toAbsolutePath()));
                }
                database.migrate();
                var store = new PostgresCounterStore(database.pool(), cfg.idempotencyTtl());
                var c = cfg.mode() == AppConfig.Mode.BATCHED
                        ? new GroupCommitter(store, metrics, cfg.batchMax(), cfg.queueCapacity(), COMMIT_BOUND) : null;
                committer = c;
                service.ready(store, c);
                health.migrated(store::ping, c == null ? () -> true : c::alive);
                housekeeping.scheduleWithFixedDelay(() -> expire(store), 60, 300, TimeUnit.SECONDS);
                LOG.info("database connected and migrated (attempt {}): ready", attempt);
                return;
            } catch (Database.ForeignSchema | java.io.UncheckedIOException e) {
                fatal(e.getMessage());
                return;
            } catch (RuntimeException e) {
                String why = rootMessage(e);
                health.starting("database not ready: " + why);
                LOG.warn("database not ready (attempt {}): {}; retrying in {} s", attempt, why, RETRY.toSeconds());
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void fatal(String message) {
        LOG.error("cannot start: {}", message);
        health.starting("cannot start: " + message);
        onFatal.accept(message);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void expire(CounterStore store) {
        try {
            int n = store.expire();
            if (n > 0) {
                LOG.info("expired {} idempotency keys and batch records", n);
            }
        } catch (Exception e) {
            LOG.warn("expiring idempotency keys failed: {}", e.getMessage());
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public int metricsPort() {
        return metricsServer.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The public connector (its backlog and idle timeout are part of the serving contract). */
    ServerConnector connector() {
        return connector;
    }

    /** Jetty's thread pool (platform selectors; its blocking tasks on virtual threads). */
    org.eclipse.jetty.util.thread.ThreadPool threadPool() {
        return server.jettyServer().threadPool();
    }

    CounterHandler hotRoute() {
        return hot;
    }

    /** Where the hot handler sends what may block: Javalin's routes, naive mode's transaction. */
    Executor blocking() {
        return hot.blocking();
    }

    /** True once connected and migrated (or without a database). */
    boolean ready() {
        return health.ready();
    }

    GroupCommitter committer() {
        return committer;
    }

    /**
     * Graceful stop, idempotent, bounded by {@code DRAIN_SECONDS} as a whole. Readiness fails at once; the listener
     * stops accepting; requests already received finish; the server stops; the writer commits what is queued (what
     * is still queued at the deadline is withdrawn uncounted); the pool and the embedded database close.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long t0 = System.nanoTime();
        long budget = cfg.drain().toNanos();
        long deadline = t0 + budget;
        // keep a quarter of the budget (at most 2 s) for the steps after the drain
        long reserve = Math.min(budget / 4, Duration.ofSeconds(2).toNanos());
        LOG.info("stopping within {} s: readiness fails, draining in-flight requests", cfg.drain().toSeconds());
        health.drain();
        connector.close();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline - reserve) {
            if (routes.active() > 0) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 200_000_000L) {
                break;
            }
            sleep(5);
        }
        within(deadline - reserve / 2, "the HTTP server stop", server::stop);
        var c = committer;
        if (c != null) {
            c.close(deadline - reserve / 4);
        }
        if (initializer != null) {
            initializer.interrupt();
        }
        housekeeping.shutdownNow();
        health.close();
        metricsServer.close();
        var db = database;
        if (db != null) {
            within(deadline, "closing the database", db::close);
        }
        LOG.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Runs a stop step, waiting for it until {@code deadline} at most (it may go on in the background). */
    private static void within(long deadline, String step, Runnable task) {
        var t = Thread.ofVirtual().name("stop-step").start(task);
        try {
            if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                LOG.warn("{} did not finish within the drain budget; going on", step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
