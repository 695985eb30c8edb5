package dev.strata.counter;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongFunction;

/** Where the counter lives. Every method is one transaction. */
public interface CounterStore {

    /** A request of a batch: its idempotency key, if the client sent one. */
    record Request(Optional<String> idempotencyKey) {
    }

    /**
     * The connection failed after the batch's commit was sent: it may or may not be durable. The batch wrote its
     * id in its own transaction, so {@link #committedLastValue} tells which, once the database answers again;
     * {@link #answers} then gives the values it handed out.
     */
    final class OutcomeUnknown extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient UUID batchId;
        private final transient LongFunction<List<CounterValue>> answers;

        public OutcomeUnknown(UUID batchId, LongFunction<List<CounterValue>> answers, Throwable cause) {
            super("the commit of batch " + batchId + " has an unknown outcome: " + cause.getMessage(), cause);
            this.batchId = batchId;
            this.answers = answers;
        }

        public UUID batchId() {
            return batchId;
        }

        /** The batch's answers, in request order, given the counter value its transaction ended at. */
        public List<CounterValue> answers(long lastValue) {
            return answers.apply(lastValue);
        }
    }

    /**
     * Commits a batch in one transaction: requests whose idempotency key was already used (and not expired)
     * get their original value back (marked as replays); the others get the next values, in order, and their keys
     * are stored. Returns one value per request, in the same order, only after the commit is durable.
     *
     * @throws SQLException    nothing was committed
     * @throws OutcomeUnknown  the connection broke while committing: resolve with {@link #committedLastValue}
     */
    List<CounterValue> commitBatch(UUID batchId, List<Request> requests) throws SQLException, OutcomeUnknown;

    /** The counter value a committed batch ended at; empty when that batch was not committed. */
    OptionalLong committedLastValue(UUID batchId) throws SQLException;

    /** One transaction per request, the way most services do it: the benchmark's baseline. */
    CounterValue incrementNaive() throws SQLException;

    /** The current value. */
    long current() throws SQLException;

    /** True when the database answers within a second. */
    boolean ping();

    /** Deletes idempotency keys older than the TTL and batch records older than a day; returns how many. */
    int expire() throws SQLException;
}
