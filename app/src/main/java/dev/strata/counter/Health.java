package dev.strata.counter;

import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness. Ready means: migrations applied, the database answered its last ping (checked
 * every 500 ms in the background, so probes never wait on the database), and not draining.
 */
public final class Health implements AutoCloseable {
    private final boolean needsDatabase;
    private final BooleanSupplier ping;
    private final Thread checker;
    private volatile boolean migrated;
    private volatile boolean databaseUp;
    private volatile boolean draining;
    private volatile boolean running = true;

    public Health(boolean needsDatabase, BooleanSupplier ping) {
        this.needsDatabase = needsDatabase;
        this.ping = ping;
        this.databaseUp = !needsDatabase || ping.getAsBoolean();
        this.checker = Thread.ofVirtual().name("health-check").start(() -> {
            while (running) {
                if (needsDatabase) {
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

    void migrated() {
        migrated = true;
    }

    /** Readiness fails from now on; in-flight and already-routed requests are still served. */
    void drain() {
        draining = true;
    }

    boolean ready() {
        return !draining && (!needsDatabase || (migrated && databaseUp));
    }

    /** Why the instance is not ready, for the readiness body. */
    String reason() {
        if (draining) {
            return "draining";
        }
        if (needsDatabase && !migrated) {
            return "migrations not applied";
        }
        return needsDatabase && !databaseUp ? "database unreachable" : "ready";
    }

    @Override
    public void close() {
        running = false;
        checker.interrupt();
    }
}
