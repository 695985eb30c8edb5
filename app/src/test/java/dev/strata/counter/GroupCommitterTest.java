package dev.strata.counter;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items 3 and 5: the writer survives exceptions or stops visibly (liveness) without stranding a request, and an
 * interrupted request is withdrawn or counted undelivered, never committed silently. On a real PostgreSQL; faults
 * are injected around the real store.
 */
class GroupCommitterTest {
    static TestDb db;
    static HikariDataSource pool;
    final AtomicReference<Throwable> nextFault = new AtomicReference<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile CountDownLatch entered = new CountDownLatch(1);
    Metrics metrics;
    CounterStore faulty;
    GroupCommitter committer;

    @BeforeAll
    static void database() throws Exception {
        db = new TestDb();
        pool = db.migratedPool(2);
    }

    @AfterAll
    static void stopDatabase() {
        pool.close();
        db.close();
    }

    @BeforeEach
    void start() throws SQLException {
        db.reset();
        metrics = new Metrics();
        var real = new PostgresCounterStore(pool, Duration.ofDays(1));
        faulty = new CounterStore() {
            @Override
            public List<CounterValue> commitBatch(UUID id, List<Request> requests) throws SQLException, OutcomeUnknown {
                entered.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                Throwable fault = nextFault.getAndSet(null);
                if (fault instanceof RuntimeException r) {
                    throw r;
                }
                if (fault instanceof Error e) {
                    throw e;
                }
                return real.commitBatch(id, requests);
            }

            @Override
            public OptionalLong committedLastValue(UUID id) throws SQLException {
                return real.committedLastValue(id);
            }

            @Override
            public CounterValue incrementNaive() throws SQLException {
                return real.incrementNaive();
            }

            @Override
            public long current() throws SQLException {
                return real.current();
            }

            @Override
            public boolean ping() {
                return real.ping();
            }

            @Override
            public int expire() throws SQLException {
                return real.expire();
            }
        };
        committer = new GroupCommitter(faulty, metrics, 512, 100, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        gate.countDown();
        committer.close(System.nanoTime() + 1_000_000_000L);
    }

    /** Waits in virtual threads; collects each outcome (a value or the exception). */
    private List<Thread> waiters(int n, ConcurrentLinkedQueue<Object> outcomes) {
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < n; i++) {
            var p = committer.submit(Optional.empty()).orElseThrow();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    outcomes.add(p.await(Duration.ofSeconds(30)));
                } catch (Exception e) {
                    outcomes.add(e);
                }
            }));
        }
        return threads;
    }

    @Test
    void anErrorStopsTheWriterVisiblyAndAnswersEveryRequestItHeldOrQueued() throws Exception {
        var health = new Health(true);
        health.migrated(() -> true, committer::alive);
        assertTrue(health.live());
        gate = new CountDownLatch(1);
        var outcomes = new ConcurrentLinkedQueue<Object>();
        var threads = waiters(1, outcomes); // taken into a batch ...
        entered.await();
        threads.addAll(waiters(4, outcomes)); // ... and these queued behind it
        nextFault.set(new OutOfMemoryError("injected"));
        gate.countDown();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (var t : threads) {
                t.join();
            }
        }, "no request waits forever for a dead writer");
        assertEquals(5, outcomes.size());
        outcomes.forEach(o -> assertInstanceOf(GroupCommitter.Unavailable.class, o, String.valueOf(o)));
        assertFalse(committer.alive(), "liveness reflects the dead writer");
        assertFalse(health.live());
        assertTrue(committer.submit(Optional.empty()).isEmpty(), "new requests are refused at once");
        assertEquals(0, db.counter());
        health.close();
    }

    @Test
    void aRuntimeExceptionFailsOnlyItsBatchAndTheWriterGoesOn() throws Exception {
        nextFault.set(new IllegalStateException("injected"));
        var outcomes = new ConcurrentLinkedQueue<Object>();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (var t : waiters(1, outcomes)) {
                t.join();
            }
        }, "the request of the failed batch is answered");
        assertInstanceOf(GroupCommitter.Unavailable.class, outcomes.poll());
        var next = committer.submit(Optional.empty()).orElseThrow().await(Duration.ofSeconds(10));
        assertEquals(1, next.counter(), "the writer goes on");
        assertTrue(committer.alive());
    }

    @Test
    void anInterruptedRequestIsWithdrawnIfQueuedAndCountedUndeliveredIfCommitted() throws Exception {
        gate = new CountDownLatch(1);
        var outcomes = new ConcurrentLinkedQueue<Object>();
        var taken = waiters(1, outcomes);
        entered.await(); // the first request is in a commit
        var queued = waiters(1, outcomes); // the second waits in the queue
        Thread.sleep(100);
        taken.get(0).interrupt();
        queued.get(0).interrupt();
        taken.get(0).join();
        queued.get(0).join();
        outcomes.forEach(o -> assertInstanceOf(InterruptedException.class, o));
        gate.countDown();
        var after = committer.submit(Optional.empty()).orElseThrow().await(Duration.ofSeconds(10));
        assertEquals(2, after.counter(), "the taken request was committed (value 1); the queued one never was");
        assertEquals(2, db.counter());
        assertEquals(1.0, metrics.undeliveredCount(), "the committed value of the interrupted request is counted");
    }

    /** Item 5 on the non-blocking HTTP path: an asynchronous waiter gets the same deadlines and states as await. */
    @Test
    void anAsynchronousWaiterIsWithdrawnAtItsDeadlineIfQueuedAndLeftUndeliveredIfInACommit() throws Exception {
        gate = new CountDownLatch(1);
        var c = new GroupCommitter(faulty, metrics, 512, 100, Duration.ofMillis(500));
        try {
            var taken = new java.util.concurrent.CompletableFuture<Object>();
            var queued = new java.util.concurrent.CompletableFuture<Object>();
            c.submit(Optional.empty()).orElseThrow().whenDone(Duration.ofMillis(200),
                    (v, e) -> taken.complete(v != null ? v : e));
            entered.await(); // the first request is in a commit that does not finish ...
            c.submit(Optional.empty()).orElseThrow().whenDone(Duration.ofMillis(200),
                    (v, e) -> queued.complete(v != null ? v : e)); // ... so the second waits in the queue
            assertInstanceOf(GroupCommitter.Timeout.class, queued.get(5, java.util.concurrent.TimeUnit.SECONDS),
                    "withdrawn at its deadline while queued");
            assertInstanceOf(GroupCommitter.Unavailable.class, taken.get(5, java.util.concurrent.TimeUnit.SECONDS),
                    "answered after the deadline plus the commit bound");
            gate.countDown(); // the stuck commit succeeds after all
            var after = c.submit(Optional.empty()).orElseThrow().await(Duration.ofSeconds(10));
            assertEquals(2, after.counter(), "the taken request was committed (value 1); the withdrawn one never was");
            assertEquals(2, db.counter());
            assertEquals(1.0, metrics.undeliveredCount(), "the committed value nobody got is counted undelivered");
        } finally {
            c.close(System.nanoTime() + 1_000_000_000L);
        }
    }

    @Test
    void batchIdsAreVersion7UuidsInTimeOrder() throws Exception {
        var first = GroupCommitter.batchId();
        Thread.sleep(2);
        var second = GroupCommitter.batchId();
        assertEquals(7, first.version());
        assertEquals(2, first.variant(), "the RFC 9562 variant");
        assertTrue(first.getMostSignificantBits() >>> 16 <= System.currentTimeMillis());
        assertTrue(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()) < 0,
                "a later batch sorts after an earlier one in the primary key");
        assertFalse(first.equals(GroupCommitter.batchId()));
    }
}
