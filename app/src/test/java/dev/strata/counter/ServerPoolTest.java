package dev.strata.counter;

import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 15: the connection of a request whose answer is being written reads its next request on that thread, after
 * the answer, instead of waking a pool thread per request; every other job still goes to the pool.
 */
class ServerPoolTest {
    private ServerPool pool;

    @BeforeEach
    void start() throws Exception {
        pool = new ServerPool();
        pool.start();
    }

    @AfterEach
    void stop() throws Exception {
        pool.stop();
    }

    /** A stand-in for Jetty's HttpConnection, which the pool is handed as a job: a Runnable and a Connection. */
    private static Connection connection(Runnable onRun) {
        return (Connection) Proxy.newProxyInstance(ServerPoolTest.class.getClassLoader(),
                new Class<?>[]{Runnable.class, Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "run" -> {
                        onRun.run();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "connection";
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }

    private void resume(Connection c) {
        pool.execute((Runnable) c);
    }

    private static void rethrow(Throwable t) {
        throw new AssertionError("unexpected", t);
    }

    @Test
    void theAnsweredConnectionIsResumedOnTheSameThreadAfterTheAnswer() {
        var order = new ArrayList<String>();
        var ranOn = new CompletableFuture<Thread>();
        var c = connection(() -> {
            order.add("resumed");
            ranOn.complete(Thread.currentThread());
        });
        ServerPool.runResuming(c, () -> {
            resume(c);
            order.add("answer written");
        }, ServerPoolTest::rethrow);
        assertEquals(List.of("answer written", "resumed"), order, "resumed after the answer, not inside it");
        assertSame(Thread.currentThread(), ranOn.join(), "on the answering thread");
        assertEquals(0, pool.connectionsDispatched(), "no pool thread was woken for it");
    }

    @Test
    void elsewhereAConnectionIsResumedOnAPoolThreadAsBefore() throws Exception {
        var ranOn = new CompletableFuture<Thread>();
        resume(connection(() -> ranOn.complete(Thread.currentThread())));
        assertNotSame(Thread.currentThread(), ranOn.get(10, TimeUnit.SECONDS));
        assertEquals(1, pool.connectionsDispatched());
    }

    @Test
    void anotherConnectionAndOtherJobsGoToThePoolEvenWhileAnswering() throws Exception {
        var other = new CompletableFuture<Thread>();
        var job = new CompletableFuture<Thread>();
        var answered = connection(() -> { });
        ServerPool.runResuming(answered, () -> {
            resume(connection(() -> other.complete(Thread.currentThread())));
            pool.execute(() -> job.complete(Thread.currentThread()));
        }, ServerPoolTest::rethrow);
        assertNotSame(Thread.currentThread(), other.get(10, TimeUnit.SECONDS), "only the answered connection is kept");
        assertNotSame(Thread.currentThread(), job.get(10, TimeUnit.SECONDS), "a job that may block is not run here");
        assertEquals(1, pool.connectionsDispatched());
    }

    @Test
    void aResumptionRequestedAgainWhileResumingGoesToThePool() throws Exception {
        var second = new CompletableFuture<Thread>();
        var holder = new Connection[1];
        var runs = new ArrayList<String>();
        holder[0] = connection(() -> {
            runs.add("resumed");
            if (runs.size() == 1) { // its next request answered at once, asking to resume again: not kept here
                resume(holder[0]);
            } else {
                second.complete(Thread.currentThread());
            }
        });
        ServerPool.runResuming(holder[0], () -> resume(holder[0]), ServerPoolTest::rethrow);
        assertNotSame(Thread.currentThread(), second.get(10, TimeUnit.SECONDS));
        assertEquals(1, pool.connectionsDispatched());
    }

    /** An exception or an Error writing the answer: reported, not thrown at the selector or writer; no stranding. */
    @Test
    void aFailedAnswerStillResumesItsConnectionAndReportsTheFailure() {
        for (Throwable failure : List.of(new IllegalStateException("write failed"), new StackOverflowError("deep"))) {
            var errors = new ArrayList<Throwable>();
            var resumed = new CompletableFuture<Boolean>();
            var c = connection(() -> resumed.complete(true));
            ServerPool.runResuming(c, () -> {
                resume(c);
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }, errors::add);
            assertTrue(resumed.getNow(false), "the connection is not stranded after " + failure);
            assertEquals(List.of(failure), errors);
        }
        assertEquals(0, pool.connectionsDispatched());
    }

    @Test
    void nestedAnswersKeepTheirOwnConnections() {
        var order = new ArrayList<String>();
        var outer = connection(() -> order.add("outer resumed"));
        var inner = connection(() -> order.add("inner resumed"));
        ServerPool.runResuming(outer, () -> {
            ServerPool.runResuming(inner, () -> resume(inner), ServerPoolTest::rethrow);
            resume(outer);
            order.add("outer answer written");
        }, ServerPoolTest::rethrow);
        assertEquals(List.of("inner resumed", "outer answer written", "outer resumed"), order);
        assertEquals(0, pool.connectionsDispatched());
    }
}
