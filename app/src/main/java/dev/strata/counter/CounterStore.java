package dev.strata.counter;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Where the counter lives. Every method is one transaction; nothing is committed when one throws. */
public interface CounterStore {

    /** A request of a batch: its idempotency key, if the client sent one. */
    record Request(Optional<String> idempotencyKey) {
    }

    /**
     * Commits a batch in one transaction: requests whose idempotency key was already used (and not expired)
     * get their original value back; the others get the next values, in order, and their keys are stored.
     * Returns one value per request, in the same order, only after the commit is durable.
     */
    List<CounterValue> commitBatch(List<Request> requests) throws SQLException;

    /** The current value. */
    long current() throws SQLException;

    /** True when the database answers within a second. */
    boolean ping();

    /** Deletes idempotency keys older than the TTL; returns how many. */
    int expireKeys() throws SQLException;
}
