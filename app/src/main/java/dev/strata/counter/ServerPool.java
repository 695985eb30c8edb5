package dev.strata.counter;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * Jetty's thread pool, with one change: a connection resumed while its answer is written (on its selector thread, or
 * by the group-commit writer when nothing else was queued) is resumed on that thread, after the answer, instead of
 * as a job for another thread.
 *
 * <p>Why. When a response completes after the handler has returned (the hot route answers once its batch is
 * committed), Jetty 12 resumes the connection, to read its next request, by running it as a job on the pool
 * ({@code HttpConnection.HttpStreamOverHTTP1.resume()}): one idle platform thread woken per request only to find
 * that nothing has arrived yet and to register read interest. Measured in the closed model (batched, 64
 * connections): about 64 pool threads each woken some 340 times a second, and 45-48 µs of service CPU per request;
 * with the resumption run on the thread that wrote the answer, less (docs/benchmarks.md).
 *
 * <p>Safe because nothing the resumed connection runs blocks: it reads without blocking, and a request it finds is
 * handled by {@link CounterHandler}, which never blocks its caller (everything that may block goes to virtual
 * threads). The writer resumes only when its queue is empty, so it delays no commit. Only {@link Connection} jobs submitted during {@link #runResuming} on the same thread are kept; every
 * other job, and every job from any other thread, goes to the pool as before.
 */
final class ServerPool extends QueuedThreadPool {
    private static final ThreadLocal<ArrayDeque<Runnable>> RESUMED_HERE = new ThreadLocal<>();
    private final LongAdder dispatched = new LongAdder();

    ServerPool() {
        setName("jetty");
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof Connection) {
            var here = RESUMED_HERE.get();
            if (here != null) {
                here.add(job);
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
     * Runs {@code task} (writing answers), then, on this thread, every connection it resumed. An exception of the
     * task or of a resumed connection is passed to {@code onError}; every resumed connection runs all the same.
     */
    static void runResuming(Runnable task, java.util.function.Consumer<RuntimeException> onError) {
        if (RESUMED_HERE.get() != null) { // nested: the outer call runs what this one resumes
            run(task, onError);
            return;
        }
        var here = new ArrayDeque<Runnable>(2);
        RESUMED_HERE.set(here);
        try {
            run(task, onError);
        } finally {
            RESUMED_HERE.remove();
            for (Runnable resumed; (resumed = here.poll()) != null; ) {
                run(resumed, onError);
            }
        }
    }

    private static void run(Runnable task, java.util.function.Consumer<RuntimeException> onError) {
        try {
            task.run();
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }
}
