package dev.strata.counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: one writer thread takes every waiting request (up to {@code batchMax}), commits them in one
 * transaction and hands out the values, so a thousand requests cost about as many commits as there are
 * batches, not a thousand. A request is answered only after its commit is durable. The queue is bounded:
 * when full, {@link #submit} refuses at once instead of letting latency grow without bound.
 *
 * <p>Exactness: a request is either abandoned before the writer takes it (its waiter timed out; it is never
 * committed) or taken, and then it is committed or the whole batch fails and nothing is incremented.
 * Taking and abandoning race on one atomic state, so no request is both.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    static final int WAITING = 0;
    static final int TAKEN = 1;
    static final int ABANDONED = 2;

    /** A request waiting for its value. */
    public static final class Pending {
        final CounterStore.Request request;
        final CompletableFuture<CounterValue> result = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(Optional<String> key) {
            this.request = new CounterStore.Request(key);
        }

        /**
         * Waits for the value. A request still queued after {@code timeout} is withdrawn (never committed) and
         * {@link Timeout} is thrown; a request already in a commit waits for that commit's outcome.
         */
        public CounterValue await(Duration timeout) throws Timeout, Unavailable, InterruptedException {
            try {
                return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (state.compareAndSet(WAITING, ABANDONED)) {
                    throw new Timeout();
                }
                try {
                    return result.get();
                } catch (java.util.concurrent.ExecutionException ee) {
                    throw new Unavailable(ee.getCause());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new Unavailable(e.getCause());
            }
        }
    }

    /** The request waited longer than the request timeout and was withdrawn uncounted. */
    public static final class Timeout extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The batch's transaction failed: nothing of it was counted. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final CounterStore store;
    private final Metrics metrics;
    private final int batchMax;
    private final ArrayBlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean accepting = true;

    public GroupCommitter(CounterStore store, Metrics metrics, int batchMax, int capacity) {
        this.store = store;
        this.metrics = metrics;
        this.batchMax = batchMax;
        this.queue = new ArrayBlockingQueue<>(capacity);
        metrics.queueDepth(queue::size);
        this.writer = Thread.ofPlatform().name("counter-writer").daemon(false).start(this::run);
    }

    /** Queues a request; empty when the queue is full or the committer is closing. */
    public Optional<Pending> submit(Optional<String> idempotencyKey) {
        var p = new Pending(idempotencyKey);
        return accepting && queue.offer(p) ? Optional.of(p) : Optional.empty();
    }

    private void run() {
        var batch = new ArrayList<Pending>(batchMax);
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("the writer failed a batch unexpectedly", e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        var live = new ArrayList<Pending>(batch.size());
        for (Pending p : batch) {
            if (p.state.compareAndSet(WAITING, TAKEN)) {
                live.add(p);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            List<CounterValue> values = store.commitBatch(live.stream().map(p -> p.request).toList());
            metrics.batchCommitted(live.size(), System.nanoTime() - start);
            for (int i = 0; i < live.size(); i++) {
                live.get(i).result.complete(values.get(i));
            }
        } catch (SQLException e) {
            metrics.batchFailed(live.size());
            LOG.warn("batch of {} failed, nothing counted: {}", live.size(), e.getMessage());
            var failure = new Unavailable(e);
            live.forEach(p -> p.result.completeExceptionally(failure));
        }
    }

    /** Stops accepting, commits what is queued, and waits for the writer. */
    @Override
    public void close() {
        accepting = false;
        try {
            writer.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int queued() {
        return queue.size();
    }
}
