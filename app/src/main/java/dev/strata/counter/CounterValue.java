package dev.strata.counter;

/**
 * One answer of {@code POST /api/counter}: the value handed out and when it was committed (unix seconds).
 * {@code replay} marks an idempotent retry answered with its original value (nothing new was counted).
 */
public record CounterValue(long counter, long timestamp, boolean replay) {
    public CounterValue(long counter, long timestamp) {
        this(counter, timestamp, false);
    }

    CounterValue asReplay() {
        return new CounterValue(counter, timestamp, true);
    }
}
