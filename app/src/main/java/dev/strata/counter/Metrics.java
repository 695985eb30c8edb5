package dev.strata.counter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics: request rate, errors and latency by route and status; the counter's
 * batch sizes, commit time, queue depth, committed, undelivered and rejected values; pool and JVM metrics.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final Counter committed;
    private final Counter failed;
    private final Counter undelivered;
    private final Counter rejected;
    private final Counter timedOut;
    private final Counter replayed;
    private final Counter recovered;
    private final Counter unknown;
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("resource")
    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        batchSize = DistributionSummary.builder("counter.batch.size").description("requests per committed batch")
                .publishPercentileHistogram().maximumExpectedValue(10_000.0).register(registry);
        commitTime = Timer.builder("counter.commit.duration").description("time of one batch transaction")
                .publishPercentileHistogram().register(registry);
        committed = Counter.builder("counter.committed").description("new values committed (idempotent replays excluded)")
                .register(registry);
        replayed = Counter.builder("counter.replayed")
                .description("idempotent retries answered with their original value (nothing new counted)").register(registry);
        recovered = Counter.builder("counter.commit.outcome.recovered")
                .description("batches whose commit acknowledgement was lost, found committed and answered").register(registry);
        unknown = Counter.builder("counter.commit.outcome.unknown")
                .description("batches answered 503 with an unknown commit outcome (resolved in the background)")
                .register(registry);
        failed = Counter.builder("counter.failed").description("requests whose batch failed (nothing counted)")
                .register(registry);
        undelivered = Counter.builder("counter.undelivered")
                .description("committed values whose client was gone before the answer").register(registry);
        rejected = Counter.builder("counter.rejected").description("requests refused because the queue was full")
                .register(registry);
        timedOut = Counter.builder("counter.timed.out").description("requests withdrawn uncounted after the timeout")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    void queueDepth(Supplier<Number> depth) {
        Gauge.builder("counter.queue.depth", depth).description("requests waiting for the writer").register(registry);
    }

    void batchCommitted(java.util.List<CounterValue> values, long nanos) {
        int replays = 0;
        for (var v : values) {
            replays += v.replay() ? 1 : 0;
        }
        batchSize.record(values.size());
        if (nanos > 0) {
            commitTime.record(Duration.ofNanos(nanos));
        }
        committed.increment(values.size() - replays);
        if (replays > 0) {
            replayed.increment(replays);
        }
    }

    void singleCommitted(long nanos) {
        batchSize.record(1);
        commitTime.record(Duration.ofNanos(nanos));
        committed.increment();
    }

    void outcomeRecovered() {
        recovered.increment();
    }

    void outcomeUnknown() {
        unknown.increment();
    }

    void batchFailed(int size) {
        failed.increment(size);
    }

    void undelivered() {
        undelivered.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void timedOut() {
        timedOut.increment();
    }

    void request(String route, String method, int status, long nanos) {
        // one lookup per request in a local map instead of building and registering a meter id every time
        requestTimers.computeIfAbsent(route + ' ' + method + ' ' + status, k -> Timer.builder("http.server.requests")
                .tag("route", route).tag("method", method).tag("status", String.valueOf(status))
                .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                .publishPercentileHistogram().register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    double recoveredCount() {
        return recovered.count();
    }

    double committedCount() {
        return committed.count();
    }

    double replayedCount() {
        return replayed.count();
    }

    double undeliveredCount() {
        return undelivered.count();
    }
}
