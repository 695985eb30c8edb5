package dev.strata.counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Group commit: one writer thread takes every waiting request (up to {@code batchMax}), commits them in one
 * transaction and hands out the values, so a thousand requests cost about as many commits as there are
 * batches, not a thousand. A request is answered only after its commit is durable. The queue is bounded:
 * when full, {@link #submit} refuses at once instead of letting latency grow without bound.
 *
 * <p>Exactness. A request is in one state at a time, changed only by compare-and-set:
 * <ul>
 *   <li>{@code WAITING} -> {@code ABANDONED}: its waiter gave up (timeout, interrupt) before the writer took it:
 *       never committed;</li>
 *   <li>{@code WAITING} -> {@code TAKEN} -> {@code ANSWERED}: the writer committed it (or the batch failed) and
 *       handed the outcome to the waiter;</li>
 *   <li>{@code TAKEN} -> {@code LEFT}: the waiter gave up during the commit (interrupted, or no outcome within the
 *       commit bound): if the commit succeeds, its value is logged and counted in {@code counter_undelivered_total}.</li>
 * </ul>
 * A commit whose outcome is unknown (the connection broke after COMMIT was sent) is resolved by looking up the
 * batch id the transaction wrote: committed batches are answered with their real values; when the database cannot
 * be asked in time, the requests get 503 and a background resolver logs and counts the values as undelivered if the
 * batch turns out committed. Every value in the database is thus answered or counted undelivered, never silently lost.
 *
 * <p>The writer survives every {@link RuntimeException} (the batch is answered 503). An {@link Error} stops it: every
 * request it holds or that is queued is answered at once, new requests are refused, and {@link #alive()} turns false
 * so the liveness probe restarts the process.
 */
public final class GroupCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    static final int WAITING = 0;
    static final int TAKEN = 1;
    static final int ANSWERED = 2;
    static final int ABANDONED = 3;
    static final int LEFT = 4;
    /** A writer that has not come round its loop for this long is stuck: liveness fails. */
    static final Duration STUCK = Duration.ofSeconds(60);
    /** How long the writer itself tries to resolve an unknown commit outcome before answering 503. */
    static final Duration RESOLVE_WINDOW = Duration.ofSeconds(2);
    /** How often the deadlines of asynchronous waiters are checked. */
    static final Duration TICK = Duration.ofMillis(20);

    /** A request waiting for its value. */
    public final class Pending {
        final CounterStore.Request request;
        final CompletableFuture<CounterValue> result = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(WAITING);
        /** For {@link #whenDone}: when the deadline watch withdraws it ({@link System#nanoTime}); unused by await. */
        volatile long deadline;
        volatile boolean watched;

        Pending(Optional<String> key) {
            this.request = new CounterStore.Request(key);
        }

        /**
         * The asynchronous {@link #await}, for a handler that must not block: {@code then} is called once, on the
         * thread that settles the request (the writer, or the deadline watch), with the value or the failure. The
         * same rules as {@link #await}: a request still queued after {@code timeout} is withdrawn (never committed)
         * with {@link Timeout}; one already in a commit waits for that commit's outcome, at most the commit bound,
         * and is then left to be counted undelivered if it commits ({@link Unavailable}).
         */
        public void whenDone(Duration timeout, BiConsumer<CounterValue, Exception> then) {
            deadline = System.nanoTime() + timeout.toNanos();
            watched = true;
            result.whenComplete((v, e) -> then.accept(v, e == null ? null
                    : e instanceof Timeout || e instanceof Unavailable ? (Exception) e
                    : new Unavailable("internal error in the counter writer", e)));
        }

        /**
         * Waits for the value. A request still queued after {@code timeout} is withdrawn (never committed) and
         * {@link Timeout} is thrown; a request already in a commit waits for that commit's outcome, at most the
         * commit bound. An interrupted waiter withdraws its request, or leaves it to be counted undelivered.
         */
        public CounterValue await(Duration timeout) throws Timeout, Unavailable, InterruptedException {
            try {
                try {
                    return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (state.compareAndSet(WAITING, ABANDONED)) {
                        throw new Timeout();
                    }
                }
                try {
                    return result.get(commitBound.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (state.compareAndSet(TAKEN, LEFT)) {
                        throw new Unavailable("no outcome from the database within " + commitBound.toSeconds()
                                + " s; if it commits later the value is counted undelivered", null);
                    }
                    return outcome();
                }
            } catch (InterruptedException e) {
                if (state.compareAndSet(WAITING, ABANDONED) || state.compareAndSet(TAKEN, LEFT)) {
                    throw e; // withdrawn uncounted, or left to the writer to count undelivered
                }
                Thread.currentThread().interrupt(); // answered already: hand the outcome on
                return outcome();
            } catch (ExecutionException e) {
                throw (Unavailable) e.getCause();
            }
        }

        private CounterValue outcome() throws Unavailable {
            try {
                return result.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw (Unavailable) e.getCause();
            }
        }
    }

    /** The request waited longer than the request timeout and was withdrawn uncounted. */
    public static final class Timeout extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The request got no value; the message says whether it may have been counted. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A batch whose commit outcome could not be learned in time; resolved in the background. */
    private record Unresolved(CounterStore.OutcomeUnknown outcome, int size) {
    }

    private final CounterStore store;
    private final Metrics metrics;
    private final int batchMax;
    private final Duration commitBound;
    private final ArrayBlockingQueue<Pending> queue;
    private final ConcurrentLinkedQueue<Unresolved> unresolved = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final Thread resolver;
    private final Thread watch;
    private final ThreadFactory answering = Thread.ofVirtual().name("counter-answers").factory();
    private volatile boolean accepting = true;
    private volatile Throwable death;
    private volatile long heartbeat = System.nanoTime();
    /** The batch the writer holds, and its values once committed: answered or counted if the writer dies. */
    private volatile List<Pending> inFlight = List.of();
    private volatile List<CounterValue> inFlightValues;
    private volatile UUID inFlightId;

    /**
     * @param commitBound the longest a taken request waits for its commit's outcome (bounded by the JDBC socket
     *                    timeout, the resolve window and the connection timeout, with margin)
     */
    public GroupCommitter(CounterStore store, Metrics metrics, int batchMax, int capacity, Duration commitBound) {
        this.store = store;
        this.metrics = metrics;
        this.batchMax = batchMax;
        this.commitBound = commitBound;
        this.queue = new ArrayBlockingQueue<>(capacity);
        metrics.queueDepth(queue::size);
        this.writer = Thread.ofPlatform().name("counter-writer").daemon(true).start(this::run);
        this.resolver = Thread.ofVirtual().name("counter-resolver").start(this::resolveInBackground);
        this.watch = Thread.ofVirtual().name("counter-deadlines").start(this::watchDeadlines);
    }

    /** Queues a request; empty when the queue is full or the writer is stopping or stopped. */
    public Optional<Pending> submit(Optional<String> idempotencyKey) {
        if (!accepting) {
            return Optional.empty();
        }
        var p = new Pending(idempotencyKey);
        return queue.offer(p) ? Optional.of(p) : Optional.empty();
    }

    /** True on the writer thread (which hands a batch's values out itself when nothing else is queued). */
    public boolean onWriterThread() {
        return Thread.currentThread() == writer;
    }

    /** False once the writer has stopped accepting (closing, or dead). */
    public boolean accepting() {
        return accepting;
    }

    /** The writer runs and came round its loop recently; false once it died or got stuck. */
    public boolean alive() {
        return death == null && writer.isAlive() && System.nanoTime() - heartbeat < STUCK.toNanos()
                || (!accepting && death == null); // a writer that finished a graceful stop is not a fault
    }

    private void run() {
        var batch = new ArrayList<Pending>(batchMax);
        try {
            while (accepting || !queue.isEmpty()) {
                heartbeat = System.nanoTime();
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, batchMax - 1);
                try {
                    commit(batch);
                } catch (RuntimeException e) {
                    LOG.error("the writer failed a batch unexpectedly; it goes on", e);
                    failInFlight(new Unavailable("internal error in the counter writer; nothing was counted", e));
                }
                inFlight = List.of();
                inFlightValues = null;
            }
        } catch (Throwable t) { // an Error (or an interrupt): the writer cannot be trusted to go on
            death = t;
            accepting = false;
            LOG.error("the counter writer died; liveness fails and every waiting request is answered", t);
            failInFlight(new Unavailable("the counter writer stopped", t));
            withdrawQueued("the counter writer stopped; nothing was counted");
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
        inFlight = live;
        var id = batchId();
        inFlightId = id;
        var requests = new ArrayList<CounterStore.Request>(live.size());
        for (Pending p : live) {
            requests.add(p.request);
        }
        long start = System.nanoTime();
        try {
            var values = store.commitBatch(id, requests);
            inFlightValues = values;
            metrics.batchCommitted(values, System.nanoTime() - start);
            answer(live, values);
        } catch (SQLException e) {
            metrics.batchFailed(live.size());
            LOG.warn("batch of {} failed, nothing counted: {}", live.size(), e.getMessage());
            fail(live, new Unavailable("the database is unavailable; nothing was counted", e));
        } catch (CounterStore.OutcomeUnknown e) {
            resolve(e, live, start);
        }
    }

    /** The connection broke during the commit: ask the database whether the batch's id was committed. */
    private void resolve(CounterStore.OutcomeUnknown unknown, List<Pending> live, long start) {
        LOG.warn("{}; checking", unknown.getMessage());
        long deadline = System.nanoTime() + RESOLVE_WINDOW.toNanos();
        while (true) {
            try {
                OptionalLong last = store.committedLastValue(unknown.batchId());
                if (last.isPresent()) {
                    var values = unknown.answers(last.getAsLong());
                    inFlightValues = values;
                    metrics.batchCommitted(values, System.nanoTime() - start);
                    metrics.outcomeRecovered();
                    LOG.info("batch {} was committed: answering its {} values", unknown.batchId(), values.size());
                    answer(live, values);
                } else {
                    metrics.batchFailed(live.size());
                    LOG.info("batch {} was not committed: nothing counted", unknown.batchId());
                    fail(live, new Unavailable("the database connection broke; nothing was counted", unknown));
                }
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                sleep(100);
            }
        }
        LOG.error("batch {} of {} requests: commit outcome unknown; answered 503, resolving in the background",
                unknown.batchId(), live.size());
        metrics.outcomeUnknown();
        fail(live, new Unavailable("the database connection broke during the commit; the outcome is being checked"
                + " and, if counted, logged as undelivered", unknown));
        unresolved.add(new Unresolved(unknown, live.size()));
    }

    private void resolveInBackground() {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            for (var u : unresolved) {
                try {
                    OptionalLong last = store.committedLastValue(u.outcome().batchId());
                    unresolved.remove(u);
                    if (last.isPresent()) {
                        var values = u.outcome().answers(last.getAsLong());
                        metrics.batchCommitted(values, 0);
                        for (var v : values) {
                            undelivered(v, "its batch " + u.outcome().batchId() + " was committed after the request got 503");
                        }
                    } else {
                        metrics.batchFailed(u.size());
                        LOG.info("batch {} turned out not committed: nothing counted", u.outcome().batchId());
                    }
                } catch (SQLException e) {
                    break; // the database is still unreachable; next round
                }
            }
        }
    }

    /**
     * The deadlines of asynchronous waiters, checked every {@link #TICK} without a timer or a list entry per request:
     * the queue is in arrival order and every asynchronous waiter has the same timeout, so only its head can be due. A
     * request still queued at its deadline is withdrawn ({@link Timeout}); one in the commit under way gets the commit
     * bound more, and is then left ({@code TAKEN -> LEFT}): answered 503 now, its value counted undelivered if the
     * commit succeeds.
     */
    private void watchDeadlines() {
        while (true) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Pending p;
            while ((p = queue.peek()) != null && p.watched && now - p.deadline >= 0) {
                if (p.state.compareAndSet(WAITING, ABANDONED)) {
                    p.result.completeExceptionally(new Timeout());
                }
                queue.remove(p); // the head: found at once (the writer may have taken it meanwhile; it skips it)
            }
            for (var taken : inFlight) {
                if (taken.watched && now - taken.deadline - commitBound.toNanos() >= 0
                        && taken.state.compareAndSet(TAKEN, LEFT)) {
                    taken.result.completeExceptionally(new Unavailable("no outcome from the database within "
                            + commitBound.toSeconds() + " s; if it commits later the value is counted undelivered", null));
                }
            }
        }
    }

    /**
     * Settles a committed batch: each request that still waits is {@code ANSWERED}, the others' values are counted
     * undelivered. The values are then handed out (asynchronous waiters write their HTTP response in that hand-out):
     * by the writer itself when no request is queued, otherwise on a virtual thread, so that the writer starts the
     * next commit while the answers are written.
     */
    private void answer(List<Pending> live, List<CounterValue> values) {
        var answered = new ArrayList<Pending>(live.size());
        var handed = new ArrayList<CounterValue>(live.size());
        for (int i = 0; i < live.size(); i++) {
            var p = live.get(i);
            var v = values.get(i);
            if (p.state.compareAndSet(TAKEN, ANSWERED)) {
                answered.add(p);
                handed.add(v);
            } else {
                undelivered(v, "its request was interrupted or gave up during the commit");
            }
        }
        Runnable handOut = () -> {
            for (int i = 0; i < answered.size(); i++) {
                answered.get(i).result.complete(handed.get(i));
            }
        };
        if (queue.isEmpty()) {
            handOut.run(); // nothing waits for the writer: answering now is the shortest path
        } else {
            answering.newThread(handOut).start();
        }
    }

    private void undelivered(CounterValue v, String why) {
        if (!v.replay()) {
            metrics.undelivered();
            LOG.warn("committed counter value {} was not delivered: {}", v.counter(), why);
        }
    }

    private static void fail(List<Pending> live, Unavailable failure) {
        for (Pending p : live) {
            p.state.compareAndSet(TAKEN, ANSWERED);
            p.result.completeExceptionally(failure);
        }
    }

    /** The writer's batch after an unexpected failure: answered 503, and counted undelivered if it was committed. */
    private void failInFlight(Unavailable failure) {
        var live = inFlight;
        var values = inFlightValues;
        for (int i = 0; i < live.size(); i++) {
            var p = live.get(i);
            if (p.result.isDone()) {
                continue;
            }
            if (values != null) {
                undelivered(values.get(i), "the writer failed after its batch was committed");
            }
            p.state.set(ANSWERED);
            p.result.completeExceptionally(failure);
        }
        inFlight = List.of();
        inFlightValues = null;
    }

    private void withdrawQueued(String why) {
        var failure = new Unavailable(why, null);
        Pending p;
        while ((p = queue.poll()) != null) {
            if (p.state.compareAndSet(WAITING, ABANDONED)) {
                p.result.completeExceptionally(failure);
            }
        }
    }

    /**
     * Stops accepting and lets the writer commit what is queued, until {@code deadline} (a {@link System#nanoTime}
     * value). Requests still queued then are withdrawn uncounted; a batch still committing is logged with its id.
     */
    public void close(long deadline) {
        accepting = false;
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                writer.join(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            withdrawQueued("the service is stopping; nothing was counted");
            if (!inFlight.isEmpty()) {
                LOG.error("stop deadline reached while batch {} of {} requests was committing: its outcome is recorded"
                        + " in counter_batches under that id", inFlightId, inFlight.size());
            }
        }
        resolver.interrupt();
        watch.interrupt();
        for (var u : unresolved) {
            LOG.error("batch {} of {} requests: commit outcome still unknown at stop (look it up in counter_batches)",
                    u.outcome().batchId(), u.size());
        }
    }

    /**
     * A time-ordered batch id (the UUID version 7 layout of RFC 9562: 48 bits of Unix milliseconds, then random bits):
     * each batch's row lands at the right edge of the {@code counter_batches} primary key instead of a random leaf,
     * so a commit dirties one index page, not a random one (a full-page image in the WAL after every checkpoint).
     * Unique as a random UUID is: 74 random bits per millisecond; no {@code SecureRandom} lock on the writer.
     */
    static UUID batchId() {
        var random = ThreadLocalRandom.current();
        long high = System.currentTimeMillis() << 16 | 0x7000L | random.nextInt(1 << 12);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    int queued() {
        return queue.size();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
