package dev.strata.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Every route of the service's public listener, registered in one place that tests reuse with the production
 * wiring: {@code POST /api/counter} and {@code GET /api/counter} in the api role, the page {@code /} in the web
 * role, health in both. Metrics are not here: they have their own port ({@link MetricsServer}). Errors are JSON
 * with a message saying what was wrong.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY = 1024;
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String START = "start";
    private static final String IDEMPOTENCY = "idempotency";
    /** The page: static HTML (the number comes from the API), so the edge may cache it. */
    static final byte[] PAGE = page();
    static final String PAGE_ETAG = "\"" + Integer.toHexString(java.util.Arrays.hashCode(PAGE)) + "\"";

    private final AppConfig cfg;
    private final CounterService service;
    private final Health health;
    private final Metrics metrics;
    private final AccessLog accessLog;
    private final Optional<ApiProxy> proxy;
    private final AtomicInteger active = new AtomicInteger();
    /** Request ids: a random per-process prefix and a sequence (no SecureRandom on the request path). */
    private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "-";
    private final AtomicLong idSequence = new AtomicLong();

    Routes(AppConfig cfg, CounterService service, Health health, Metrics metrics) {
        this.cfg = cfg;
        this.service = service;
        this.health = health;
        this.metrics = metrics;
        this.accessLog = new AccessLog(cfg.accessLogPerSecond());
        this.proxy = cfg.role() == AppConfig.Role.WEB ? cfg.apiUrl().map(u -> new ApiProxy(u, cfg.requestTimeout()
                .plusSeconds(2))) : Optional.empty();
    }

    /** Registers every route on the Javalin configuration. */
    void register(JavalinConfig c) {
        var r = c.routes;
        r.before(this::before);
        r.after(this::after);
        if (cfg.role() != AppConfig.Role.WEB) {
            r.post("/api/counter", this::increment);
            r.get("/api/counter", this::read);
        } else if (proxy.isPresent()) {
            r.post("/api/counter", this::forward);
            r.get("/api/counter", this::forward);
        }
        if (cfg.role() != AppConfig.Role.API) {
            r.get("/", this::page);
        }
        r.get("/health/live", this::live);
        r.get("/health/ready", this::ready);
        r.error(404, ctx -> error(ctx, 404, "no route " + ctx.method() + " " + ctx.path()));
        r.error(405, ctx -> {
            ctx.header("Allow", "GET, POST");
            error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: GET, POST");
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error");
        });
    }

    /** Requests currently being handled (graceful shutdown waits for zero). */
    public int active() {
        return active.get();
    }

    private void before(Context ctx) {
        String id = begin(ctx.header("X-Request-Id"));
        MDC.put("requestId", id);
        ctx.header("X-Request-Id", id);
        ctx.attribute(START, System.nanoTime());
    }

    private void after(Context ctx) {
        try {
            Long start = ctx.attribute(START);
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            end(endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(), ctx.statusCode(),
                    start == null ? 0 : System.nanoTime() - start, MDC.get("requestId"), ctx.attribute(IDEMPOTENCY));
        } finally {
            MDC.remove("requestId");
        }
    }

    /**
     * A request starts (the Javalin routes and {@link CounterHandler} alike): counted as active, since graceful stop
     * waits for zero; returns its id: the caller's {@code X-Request-Id} if well-formed, else a new one.
     */
    String begin(String givenId) {
        active.incrementAndGet();
        return givenId != null && REQUEST_ID.matcher(givenId).matches() ? givenId
                : idPrefix + Long.toString(idSequence.incrementAndGet(), 36);
    }

    /** A request ends: its metrics and its (sampled) access-log line; no longer active. */
    void end(String route, String method, int status, long nanos, String requestId, String idempotency) {
        try {
            record(route, method, status, nanos, requestId, idempotency);
        } finally {
            finished();
        }
    }

    /** A request's metrics and (sampled) access-log line, once its answer is ready. */
    void record(String route, String method, int status, long nanos, String requestId, String idempotency) {
        metrics.request(route, method, status, nanos);
        accessLog.record(method, route, status, nanos, requestId, idempotency);
    }

    /** A request is no longer active: its answer is written, or its client is gone. */
    void finished() {
        active.decrementAndGet();
    }

    /** The 503 message of a refused increment: what happened, and how to retry. */
    static String refusal(CounterService.Outcome outcome, String idempotencyKey) {
        return outcome.message() + "; retry" + (idempotencyKey == null ? "" : " with the same Idempotency-Key");
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
            ctx.header("Cache-Control", "no-store");
            error(ctx, 503, refusal(outcome, rawKey));
            return;
        }
        var v = outcome.value().get();
        if (rawKey != null) {
            ctx.attribute(IDEMPOTENCY, v.replay() ? "replay" : "new");
        }
        deliver(ctx, answer(v), v);
    }

    /** The answer's JSON, written directly: {"timestamp":..,"counter":..,"message":"Hello world"}. */
    static byte[] answer(CounterValue v) {
        return ("{\"timestamp\":" + v.timestamp() + ",\"counter\":" + v.counter() + ",\"message\":\"Hello world\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the answer now, so a client that is gone is noticed: its committed value is counted undelivered. */
    private void deliver(Context ctx, byte[] body, CounterValue v) {
        var res = ctx.res();
        ctx.status(200);
        res.setContentType("application/json");
        res.setHeader("Cache-Control", "no-store");
        res.setContentLength(body.length);
        try {
            var out = res.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException e) {
            if (!v.replay()) {
                metrics.undelivered();
                LOG.warn("committed counter value {} was not delivered: the client is gone ({})", v.counter(),
                        e.getMessage());
            }
        }
    }

    /** Validates the optional body: at most 1 KiB, JSON when present. Answers and returns the problem if any. */
    private Optional<String> checkBody(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0) {
            return Optional.empty();
        }
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
        ctx.header("Cache-Control", "no-store");
        if (value.isEmpty()) {
            ctx.header("Retry-After", "1");
            error(ctx, 503, "the database is unavailable");
            return;
        }
        ctx.contentType("application/json").result("{\"counter\":" + value.get() + "}");
    }

    private void forward(Context ctx) throws Exception {
        byte[] body = ctx.method().name().equals("POST") ? readAtMost(ctx.req().getInputStream(), MAX_BODY + 1)
                : new byte[0];
        var answer = proxy.orElseThrow().forward(ctx.method().name(), ctx::header, body);
        if (answer.retryAfter() != null) {
            ctx.header("Retry-After", answer.retryAfter());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    private void page(Context ctx) {
        // static: cacheable at the edge; the browser revalidates with the ETag
        ctx.header("Cache-Control", "public, max-age=10");
        ctx.header("ETag", PAGE_ETAG);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src"
                + " 'unsafe-inline'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'");
        if (PAGE_ETAG.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(PAGE);
    }

    private static byte[] page() {
        try (var in = Routes.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IllegalStateException("web/index.html is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void live(Context ctx) {
        if (health.live()) {
            ctx.json(Map.of("status", "live"));
        } else {
            ctx.status(503).json(Map.of("status", "not live", "reason", health.reason()));
        }
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
