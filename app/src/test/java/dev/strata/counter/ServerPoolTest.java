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

/**
 * Item 15: a connection resumed while an answer is written on a selector thread reads its next request on that
 * thread, after the answer, instead of waking a pool thread per request; every other job still goes to the pool.
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
    private static Runnable connection(Runnable onRun) {
        return (Runnable) Proxy.newProxyInstance(ServerPoolTest.class.getClassLoader(),
                new Class<?>[]{Runnable.class, Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("run")) {
                        onRun.run();
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void aConnectionResumedByAnAnswerRunsOnTheSameThreadAfterIt() {
        var order = new ArrayList<String>();
        var ranOn = new CompletableFuture<Thread>();
        ServerPool.runResuming(() -> {
            pool.execute(connection(() -> {
                order.add("resumed");
                ranOn.complete(Thread.currentThread());
            }));
            order.add("answer written");
        }, e -> { throw e; });
        assertEquals(List.of("answer written", "resumed"), order, "resumed after the answer, not inside it");
        assertSame(Thread.currentThread(), ranOn.join(), "on the answering thread");
        assertEquals(0, pool.connectionsDispatched(), "no pool thread was woken for it");
    }

    @Test
    void elsewhereAConnectionIsResumedOnAPoolThreadAsBefore() throws Exception {
        var ranOn = new CompletableFuture<Thread>();
        pool.execute(connection(() -> ranOn.complete(Thread.currentThread())));
        assertNotSame(Thread.currentThread(), ranOn.get(10, TimeUnit.SECONDS));
        assertEquals(1, pool.connectionsDispatched());
    }

    @Test
    void otherJobsGoToThePoolEvenWhileAnswering() throws Exception {
        var ranOn = new CompletableFuture<Thread>();
        ServerPool.runResuming(() -> pool.execute(() -> ranOn.complete(Thread.currentThread())), e -> { throw e; });
        assertNotSame(Thread.currentThread(), ranOn.get(10, TimeUnit.SECONDS), "a job that may block is not run here");
    }

    @Test
    void aFailedAnswerStillResumesItsConnectionAndReportsTheFailure() {
        var errors = new ArrayList<RuntimeException>();
        var resumed = new CompletableFuture<Boolean>();
        ServerPool.runResuming(() -> {
            pool.execute(connection(() -> resumed.complete(true)));
            throw new IllegalStateException("write failed");
        }, errors::add);
        assertEquals(true, resumed.getNow(false), "the connection is not stranded");
        assertEquals(1, errors.size());
        assertEquals("write failed", errors.get(0).getMessage());
        assertEquals(0, pool.connectionsDispatched());
    }

    @Test
    void nestedAnswersResumeOnceTheOutermostIsDone() {
        var order = new ArrayList<String>();
        ServerPool.runResuming(() -> {
            ServerPool.runResuming(() -> pool.execute(connection(() -> order.add("resumed"))), e -> { throw e; });
            order.add("outer answer written");
        }, e -> { throw e; });
        assertEquals(List.of("outer answer written", "resumed"), order);
    }
}
