package dev.strata.counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * One JSON line per request on the {@code access} logger: method, route, status, latency, request id and whether an
 * idempotency key was replayed. Cheap at 10k req/s: at most {@code perSecond} lines each second; above that,
 * requests are sampled out and the next line says how many were ({@code sampled_out}), so rates stay computable.
 */
final class AccessLog {
    static final Logger LOG = LoggerFactory.getLogger("access");

    private final int perSecond;
    private final AtomicLong window = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    AccessLog(int perSecond) {
        this.perSecond = perSecond;
    }

    /** @param idempotency "replay", "new", or null without a key */
    void record(String method, String route, int status, long nanos, String requestId, String idempotency) {
        if (perSecond == 0) {
            return;
        }
        long second = System.nanoTime() / 1_000_000_000L;
        long w = window.get();
        if (w != second && window.compareAndSet(w, second)) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() > perSecond) {
            skipped.incrementAndGet();
            return;
        }
        LOG.info("{} {} {}", method, route, status, kv("method", method), kv("route", route), kv("status", status),
                kv("latency_ms", Math.round(nanos / 10_000.0) / 100.0), kv("request_id", requestId),
                kv("idempotency", idempotency == null ? "none" : idempotency), kv("sampled_out", skipped.getAndSet(0)));
    }
}
