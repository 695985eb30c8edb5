package dev.strata.counter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Increments and reads the counter in the configured mode: {@code batched} (group commit, the default),
 * {@code naive} (one transaction per request, the benchmark's baseline) or {@code nodb} (no database at
 * all, the benchmark's upper bound; never for production).
 */
public final class CounterService {

    /** Why a request got no value; maps to 503. */
    public enum Refusal { OVERLOADED, TIMED_OUT, DATABASE_UNAVAILABLE }

    /** A value, or the reason there is none. */
    public record Outcome(Optional<CounterValue> value, Optional<Refusal> refusal) {
        static Outcome of(CounterValue v) {
            return new Outcome(Optional.of(v), Optional.empty());
        }

        static Outcome refused(Refusal r) {
            return new Outcome(Optional.empty(), Optional.of(r));
        }
    }

    private final AppConfig.Mode mode;
    private final CounterStore store;
    private final GroupCommitter committer;
    private final Metrics metrics;
    private final Duration timeout;
    private final AtomicLong memory = new AtomicLong();

    public CounterService(AppConfig.Mode mode, CounterStore store, GroupCommitter committer, Metrics metrics,
                          Duration timeout) {
        this.mode = mode;
        this.store = store;
        this.committer = committer;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    public Outcome increment(Optional<String> idempotencyKey) throws InterruptedException {
        return switch (mode) {
            case NODB -> Outcome.of(new CounterValue(memory.incrementAndGet(), System.currentTimeMillis() / 1000));
            case NAIVE -> naive(idempotencyKey);
            case BATCHED -> batched(idempotencyKey);
        };
    }

    private Outcome batched(Optional<String> key) throws InterruptedException {
        var pending = committer.submit(key);
        if (pending.isEmpty()) {
            metrics.rejected();
            return Outcome.refused(Refusal.OVERLOADED);
        }
        try {
            return Outcome.of(pending.get().await(timeout));
        } catch (GroupCommitter.Timeout e) {
            metrics.timedOut();
            return Outcome.refused(Refusal.TIMED_OUT);
        } catch (GroupCommitter.Unavailable e) {
            return Outcome.refused(Refusal.DATABASE_UNAVAILABLE);
        }
    }

    private Outcome naive(Optional<String> key) {
        long start = System.nanoTime();
        try {
            var v = store.commitBatch(List.of(new CounterStore.Request(key))).get(0);
            metrics.singleCommitted(System.nanoTime() - start);
            return Outcome.of(v);
        } catch (SQLException e) {
            metrics.batchFailed(1);
            return Outcome.refused(Refusal.DATABASE_UNAVAILABLE);
        }
    }

    /** The current value; empty when the database cannot be read. */
    public Optional<Long> current() {
        if (mode == AppConfig.Mode.NODB) {
            return Optional.of(memory.get());
        }
        try {
            return Optional.of(store.current());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
