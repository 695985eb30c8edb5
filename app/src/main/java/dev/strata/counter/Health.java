package dev.strata.counter;

import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness. Live means the process can still serve: the counter writer (once started) runs and is
 * not stuck. Ready means: connected and migrated, the database answered its last ping (checked every 500 ms in
 * the background, so probes never wait on the database), and not draining.
 */
public final class Health implements AutoCloseable {
    private final boolean needsDatabase;
    private final Thread checker;
    private volatile BooleanSupplier ping = () -> false;
    private volatile BooleanSupplier writerAlive = () -> true;
    private volatile boolean migrated;
    private volatile boolean databaseUp;
    private volatile boolean draining;
    private volatile String startProblem = "connecting to the database";
    private volatile boolean running = true;

    public Health(boolean needsDatabase) {
        this.needsDatabase = needsDatabase;
        this.checker = Thread.ofVirtual().name("health-check").start(() -> {
            while (running) {
                if (needsDatabase && migrated) {
                    databaseUp = ping.getAsBoolean();
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Connected and migrated: readiness follows the ping from now on; liveness follows the writer. */
    void migrated(BooleanSupplier ping, BooleanSupplier writerAlive) {
        this.ping = ping;
        this.writerAlive = writerAlive;
        this.databaseUp = ping.getAsBoolean();
        this.migrated = true;
    }

    /** Why the database is not usable yet (shown by readiness until {@link #migrated}). */
    void starting(String problem) {
        this.startProblem = problem;
    }

    /** Readiness fails from now on; in-flight and already-routed requests are still served. */
    void drain() {
        draining = true;
    }

    boolean live() {
        return writerAlive.getAsBoolean();
    }

    boolean ready() {
        return !draining && live() && (!needsDatabase || (migrated && databaseUp));
    }

    /** Why the instance is not ready, for the readiness body. */
    String reason() {
        if (draining) {
            return "draining";
        }
        if (!live()) {
            return "the counter writer stopped";
        }
        if (needsDatabase && !migrated) {
            return startProblem;
        }
        return needsDatabase && !databaseUp ? "database unreachable" : "ready";
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
    }
}
