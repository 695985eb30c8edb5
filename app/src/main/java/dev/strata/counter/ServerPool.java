package dev.strata.counter;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Jetty's thread pool, with one change: the connection of a request whose answer is being written (on its selector
 * thread, or by the group-commit writer when nothing else was queued) is resumed on that thread, after the answer,
 * instead of as a job for another thread.
 *
 * <p>Why. When a response completes after the handler has returned (the hot route answers once its batch is
 * committed), Jetty 12 resumes the connection, to read its next request, by running it as a job on the pool
 * ({@code HttpConnection.HttpStreamOverHTTP1.resume()} calls {@code Executor.execute}): one idle platform thread
 * woken per request, only to find that nothing has arrived yet and to register read interest. Measured in the closed
 * model (batched, 64 connections): some 64 pool threads each woken about 340 times a second, 45-48 µs of service CPU
 * per request; resumed where the answer was written, 32-36 µs (docs/benchmarks.md, "A pool thread woken per
 * request").
 *
 * <p>Safe because nothing the resumed connection runs blocks: it reads without blocking, and a request it finds is
 * handled by {@link CounterHandler}, which never blocks its caller (everything that may block goes to virtual
 * threads). Only the job of the one connection named in {@link #runResuming}, submitted by that thread during the
 * task, is kept; every other job, and every job from any other thread, goes to the pool as before.
 */
final class ServerPool extends QueuedThreadPool {
    /** The connection whose answer this thread is writing, and its resumption once Jetty asks for it. */
    private static final class Resuming {
        final Connection connection;
        Runnable kept;

        Resuming(Connection connection) {
            this.connection = connection;
        }
    }

    private static final ThreadLocal<Resuming> RESUMING = new ThreadLocal<>();
    private final LongAdder dispatched = new LongAdder();

    ServerPool() {
        setName("jetty");
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof Connection) {
            var resuming = RESUMING.get();
            if (resuming != null && resuming.connection == job && resuming.kept == null) {
                resuming.kept = job;
                return;
            }
            dispatched.increment();
        }
        super.execute(job);
    }

    /** Connections resumed as a job on another thread (every one that was not resumed by {@link #runResuming}). */
    long connectionsDispatched() {
        return dispatched.sum();
    }

    /**
     * Runs {@code task} (writing the answer of a request on {@code connection}), then, on this thread, that
     * connection's resumption if the task triggered it. Whatever the task or the resumption throws is passed to
     * {@code onError}; the resumption runs even if the task failed.
     */
    static void runResuming(Connection connection, Runnable task, Consumer<Throwable> onError) {
        var outer = RESUMING.get();
        var resuming = new Resuming(connection);
        RESUMING.set(resuming);
        try {
            run(task, onError);
        } finally {
            if (outer == null) {
                RESUMING.remove();
            } else {
                RESUMING.set(outer);
            }
        }
        if (resuming.kept != null) {
            run(resuming.kept, onError);
        }
    }

    /** Runs {@code task}; whatever it throws, an Error too, goes to {@code onError}. */
    static void run(Runnable task, Consumer<Throwable> onError) {
        try {
            task.run();
        } catch (Throwable t) { // an Error too: logged, and the caller (a selector, the writer) goes on
            onError.accept(t);
        }
    }
}
