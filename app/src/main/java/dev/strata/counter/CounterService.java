package dev.strata.counter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Increments and reads the counter in the configured mode: {@code batched} (group commit, the default),
 * {@code naive} (one transaction per request) or {@code nodb} (no database at all, the benchmark's upper bound;
 * never for production). Until the database is connected and migrated ({@link #ready}), requests get 503.
 */
public final class CounterService {

    /** Why a request got no value; maps to 503. */
    public enum Refusal { STARTING, OVERLOADED, TIMED_OUT, DATABASE_UNAVAILABLE }

    /** A value, or the reason there is none (with a message saying whether anything may have been counted). */
    public record Outcome(Optional<CounterValue> value, Optional<Refusal> refusal, String message) {
        static Outcome of(CounterValue v) {
            return new Outcome(Optional.of(v), Optional.empty(), "");
        }

        static Outcome refused(Refusal r, String message) {
            return new Outcome(Optional.empty(), Optional.of(r), message);
        }
    }

    private final AppConfig.Mode mode;
    private final Metrics metrics;
    private final Duration timeout;
    private final AtomicLong memory = new AtomicLong();
    private volatile CounterStore store;
    private volatile GroupCommitter committer;

    public CounterService(AppConfig.Mode mode, Metrics metrics, Duration timeout) {
        this.mode = mode;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /** The database is migrated: serve from now on. */
    void ready(CounterStore store, GroupCommitter committer) {
        this.committer = committer;
        this.store = store;
    }

    public Outcome increment(Optional<String> idempotencyKey) throws InterruptedException {
        if (mode == AppConfig.Mode.NODB) {
            return Outcome.of(new CounterValue(memory.incrementAndGet(), System.currentTimeMillis() / 1000));
        }
        if (store == null) {
            return Outcome.refused(Refusal.STARTING, "starting: the database is not connected yet; nothing was counted");
        }
        return mode == AppConfig.Mode.NAIVE ? naive() : batched(idempotencyKey);
    }

    /**
     * {@link #increment} without blocking the calling thread (a Jetty selector): {@code then} gets the outcome on
     * the thread that has it: at once without a database or when refused, on the writer thread once the batch is
     * committed, on the deadline watch after a timeout. Naive mode blocks, so it runs on {@code blocking}.
     */
    public void increment(Optional<String> idempotencyKey, Executor blocking, Consumer<Outcome> then) {
        if (mode == AppConfig.Mode.NODB) {
            then.accept(Outcome.of(new CounterValue(memory.incrementAndGet(), System.currentTimeMillis() / 1000)));
        } else if (store == null) {
            then.accept(Outcome.refused(Refusal.STARTING, "starting: the database is not connected yet; nothing was"
                    + " counted"));
        } else if (mode == AppConfig.Mode.NAIVE) {
            blocking.execute(() -> then.accept(naive()));
        } else {
            var c = committer;
            var pending = c.submit(idempotencyKey);
            if (pending.isEmpty()) {
                then.accept(overloaded(c));
                return;
            }
            pending.get().whenDone(timeout, (v, e) -> then.accept(v != null ? Outcome.of(v) : refusal(e)));
        }
    }

    /** True on the group-commit writer's thread. */
    public boolean onWriterThread() {
        var c = committer;
        return c != null && c.onWriterThread();
    }

    private Outcome overloaded(GroupCommitter c) {
        metrics.rejected();
        return Outcome.refused(Refusal.OVERLOADED, c.accepting() ? "overloaded: the queue is full; nothing was"
                + " counted" : "the service is stopping; nothing was counted");
    }

    private Outcome refusal(Exception e) {
        if (e instanceof GroupCommitter.Timeout) {
            metrics.timedOut();
            return Outcome.refused(Refusal.TIMED_OUT, "timed out waiting for the database; nothing was counted");
        }
        return Outcome.refused(Refusal.DATABASE_UNAVAILABLE, e.getMessage());
    }

    private Outcome batched(Optional<String> key) throws InterruptedException {
        var c = committer;
        var pending = c.submit(key);
        if (pending.isEmpty()) {
            return overloaded(c);
        }
        try {
            return Outcome.of(pending.get().await(timeout));
        } catch (GroupCommitter.Timeout | GroupCommitter.Unavailable e) {
            return refusal(e);
        }
    }

    /** One transaction per request (the benchmark's baseline); ignores idempotency keys. */
    private Outcome naive() {
        long start = System.nanoTime();
        try {
            var v = store.incrementNaive();
            metrics.singleCommitted(System.nanoTime() - start);
            return Outcome.of(v);
        } catch (SQLException e) {
            metrics.batchFailed(1);
            return Outcome.refused(Refusal.DATABASE_UNAVAILABLE, "the database is unavailable; nothing was counted");
        }
    }

    /** The current value; empty when the database cannot be read. */
    public Optional<Long> current() {
        if (mode == AppConfig.Mode.NODB) {
            return Optional.of(memory.get());
        }
        var s = store;
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.current());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
