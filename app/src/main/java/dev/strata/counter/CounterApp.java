package dev.strata.counter;

import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The wiring: config -> database (and migrations) -> store -> group committer -> service -> HTTP server,
 * and the graceful stop in reverse: readiness fails, in-flight requests finish, the server stops, the
 * writer flushes its queue, then the pool and the embedded database close.
 */
public final class CounterApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CounterApp.class);

    private final AppConfig cfg;
    private final Metrics metrics;
    private final Database database;
    private final GroupCommitter committer;
    private final Health health;
    private final Javalin server;
    private final Routes routes;
    private final ScheduledExecutorService housekeeping;
    private volatile boolean stopped;

    private CounterApp(AppConfig cfg, Metrics metrics, Database database, GroupCommitter committer, Health health,
                       Javalin server, Routes routes, ScheduledExecutorService housekeeping) {
        this.cfg = cfg;
        this.metrics = metrics;
        this.database = database;
        this.committer = committer;
        this.health = health;
        this.server = server;
        this.routes = routes;
        this.housekeeping = housekeeping;
    }

    /** Runs the migrations and returns; for the migration Job ({@code MIGRATE_ONLY=true}). */
    public static void migrateOnly(AppConfig cfg) {
        try (var db = Database.open(cfg, new Metrics())) {
            db.migrate();
            LOG.info("migrations applied");
        }
    }

    public static CounterApp start(AppConfig cfg) {
        var metrics = new Metrics();
        Database database = null;
        CounterStore store = null;
        GroupCommitter committer = null;
        if (cfg.needsDatabase()) {
            database = Database.open(cfg, metrics);
            store = new PostgresCounterStore(database.pool(), cfg.idempotencyTtl());
            if (cfg.mode() == AppConfig.Mode.BATCHED) {
                committer = new GroupCommitter(store, metrics, cfg.batchMax(), cfg.queueCapacity());
            }
        }
        final CounterStore s = store;
        var health = new Health(cfg.needsDatabase(), () -> s != null && s.ping());
        if (database != null) {
            database.migrate();
        }
        health.migrated();
        var service = new CounterService(cfg.mode(), store, committer, metrics, cfg.requestTimeout());

        var server = Javalin.create(c -> {
            c.useVirtualThreads = true;
            c.showJavalinBanner = false;
            c.http.prefer405over404 = true;
            c.jetty.modifyServer(srv -> srv.setStopTimeout(1_000));
        });
        var routes = Routes.register(server, cfg, service, health, metrics, webCounter(cfg, service));
        server.start(cfg.port());
        for (var connector : server.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc) {
                // keep-alive connections of load balancers and clients stay open; nothing caps idle connections
                sc.setIdleTimeout(120_000);
                sc.setAcceptQueueSize(4096);
            }
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("housekeeping").factory());
        if (store != null) {
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    int n = s.expireKeys();
                    if (n > 0) {
                        LOG.info("expired {} idempotency keys", n);
                    }
                } catch (Exception e) {
                    LOG.warn("expiring idempotency keys failed: {}", e.getMessage());
                }
            }, 60, 300, TimeUnit.SECONDS);
        }
        var app = new CounterApp(cfg, metrics, database, committer, health, server, routes, housekeeping);
        LOG.info("counter listening on port {} (role {}, mode {})", app.port(), cfg.role(), cfg.mode());
        return app;
    }

    private static Supplier<Optional<Long>> webCounter(AppConfig cfg, CounterService service) {
        if (cfg.apiUrl().isEmpty()) {
            return service::current;
        }
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var uri = URI.create(cfg.apiUrl().get().replaceAll("/$", "") + "/api/counter");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        return () -> {
            try {
                var res = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return res.statusCode() == 200 ? Optional.of(mapper.readTree(res.body()).path("counter").asLong())
                        : Optional.empty();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return Optional.empty();
            }
        };
    }

    public int port() {
        return server.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Graceful stop; idempotent. Readiness fails at once; the listener stops accepting connections; requests
     * already received finish (up to {@code DRAIN_SECONDS}); only then does the server stop, so no request that
     * reached the service is cut off or refused with a 503. The writer then commits what is still queued, and the
     * pool and the embedded database close last.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: readiness fails, draining in-flight requests (up to {} s)", cfg.drain().toSeconds());
        health.drain();
        for (var connector : server.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc) {
                sc.close();
            }
        }
        long deadline = System.nanoTime() + cfg.drain().toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (routes.active() > 0) {
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 200_000_000L) {
                break;
            }
            sleep(5);
        }
        server.stop();
        if (committer != null) {
            committer.close();
        }
        housekeeping.shutdownNow();
        health.close();
        if (database != null) {
            database.close();
        }
        LOG.info("stopped");
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
