package dev.strata.counter;

/** One answer of {@code POST /api/counter}: the value handed out and when it was committed (unix seconds). */
public record CounterValue(long counter, long timestamp) {
}
