package dev.strata.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every route of the service, registered in one place that tests reuse with the production wiring.
 * {@code POST /api/counter} and {@code GET /api/counter} in the api role, {@code /} in the web role,
 * health and metrics in both. Errors are JSON with a message saying what was wrong.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY = 1024;
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AppConfig cfg;
    private final CounterService service;
    private final Health health;
    private final Metrics metrics;
    private final Supplier<Optional<Long>> webCounter;
    private final AtomicInteger active = new AtomicInteger();

    private Routes(AppConfig cfg, CounterService service, Health health, Metrics metrics,
                   Supplier<Optional<Long>> webCounter) {
        this.cfg = cfg;
        this.service = service;
        this.health = health;
        this.metrics = metrics;
        this.webCounter = webCounter;
    }

    /**
     * @param webCounter how the web role reads the counter (the api role over HTTP, or the service directly)
     */
    public static Routes register(Javalin app, AppConfig cfg, CounterService service, Health health, Metrics metrics,
                                  Supplier<Optional<Long>> webCounter) {
        var routes = new Routes(cfg, service, health, metrics, webCounter);
        app.before(routes::before);
        app.after(routes::after);
        if (cfg.role() != AppConfig.Role.WEB) {
            app.post("/api/counter", routes::increment);
            app.get("/api/counter", routes::read);
        }
        if (cfg.role() != AppConfig.Role.API) {
            app.get("/", routes::page);
        }
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
        app.get("/health/ready", routes::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.registry().scrape()));
        app.error(404, ctx -> error(ctx, 404, "no route " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> {
            ctx.header("Allow", "GET, POST");
            error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: GET, POST");
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error");
        });
        return routes;
    }

    /** Requests currently being handled (graceful shutdown waits for zero). */
    public int active() {
        return active.get();
    }

    private void before(Context ctx) {
        active.incrementAndGet();
        String id = Optional.ofNullable(ctx.header("X-Request-Id")).filter(v -> REQUEST_ID.matcher(v).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        MDC.put("requestId", id);
        ctx.header("X-Request-Id", id);
        ctx.attribute("start", System.nanoTime());
    }

    private void after(Context ctx) {
        try {
            Long start = ctx.attribute("start");
            int status = ctx.statusCode();
            String route = ctx.endpointHandlerPath();
            metrics.request(route.equals("*") ? "unmatched" : route, ctx.method().name(), status,
                    start == null ? 0 : System.nanoTime() - start);
            if (status >= 400) {
                LOG.info("{} {} -> {}", ctx.method(), ctx.path(), status);
            }
        } finally {
            MDC.remove("requestId");
            active.decrementAndGet();
        }
    }

    private void increment(Context ctx) throws Exception {
        var problem = checkBody(ctx);
        if (problem.isPresent()) {
            return;
        }
        String rawKey = ctx.header("Idempotency-Key");
        if (rawKey != null && !IDEMPOTENCY_KEY.matcher(rawKey).matches()) {
            error(ctx, 400, "Idempotency-Key must be 1-128 characters of letters, digits and . _ : -");
            return;
        }
        var outcome = service.increment(Optional.ofNullable(rawKey));
        if (outcome.refusal().isPresent()) {
            ctx.header("Retry-After", "1");
            error(ctx, 503, switch (outcome.refusal().get()) {
                case OVERLOADED -> "overloaded: the queue is full; retry";
                case TIMED_OUT -> "timed out waiting for the database; nothing was counted; retry";
                case DATABASE_UNAVAILABLE -> "the database is unavailable; nothing was counted; retry";
            });
            return;
        }
        var v = outcome.value().get();
        var body = new LinkedHashMap<String, Object>();
        body.put("timestamp", v.timestamp());
        body.put("counter", v.counter());
        body.put("message", "Hello world");
        deliver(ctx, JSON.writeValueAsBytes(body), v);
    }

    /** Writes the answer now, so a client that is gone is noticed: its committed value is counted undelivered. */
    private void deliver(Context ctx, byte[] body, CounterValue v) {
        var res = ctx.res();
        ctx.status(200);
        res.setContentType("application/json");
        res.setContentLength(body.length);
        try {
            var out = res.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException e) {
            metrics.undelivered();
            LOG.warn("committed counter value {} was not delivered: the client is gone ({})", v.counter(), e.getMessage());
        }
    }

    /** Validates the optional body: at most 1 KiB, JSON when present. Answers and returns the problem if any. */
    private Optional<String> checkBody(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            error(ctx, 413, "the body is " + declared + " bytes; at most " + MAX_BODY + " are accepted (none is needed)");
            return Optional.of("too large");
        }
        byte[] body = readAtMost(ctx.req().getInputStream(), MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            error(ctx, 413, "the body exceeds " + MAX_BODY + " bytes (none is needed)");
            return Optional.of("too large");
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!type.isEmpty() && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(ctx, 415, "Content-Type " + type + " is not supported; send application/json or no body");
            return Optional.of("type");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                error(ctx, 400, "the body must be a JSON object (or empty)");
                return Optional.of("shape");
            }
        } catch (IOException e) {
            error(ctx, 400, "the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return Optional.of("json");
        }
        return Optional.empty();
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    private void read(Context ctx) {
        var value = service.current();
        if (value.isEmpty()) {
            ctx.header("Retry-After", "1");
            error(ctx, 503, "the database is unavailable");
            return;
        }
        ctx.json(Map.of("counter", value.get()));
    }

    private void page(Context ctx) {
        var value = webCounter.get();
        String counter = value.map(String::valueOf).orElse("unavailable");
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "public, max-age=10").result(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Hello World</title></head>"
                        + "<body><h1>Hello World</h1><p>Counter: <span id=\"counter\">" + counter
                        + "</span></p></body></html>");
    }

    private void ready(Context ctx) {
        if (health.ready()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("status", "not ready", "reason", health.reason()));
        }
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(errorBody(status, message));
    }

    static String errorBody(int status, String message) {
        try {
            return JSON.writeValueAsString(Map.of("status", status, "error", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
