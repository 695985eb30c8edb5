package dev.strata.counter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The counter in PostgreSQL: one row, incremented by a whole batch in one statement, so a batch of k requests
 * costs one row lock and one fsync. Each batch also records its id ({@code counter_batches}) in the same
 * transaction, so a commit whose acknowledgement is lost can be resolved later.
 *
 * <p>Batches without idempotency keys are a single auto-committed statement (one round trip). Batches with keys
 * first lock the counter row, then look the keys up: the lock serializes them with every other batch of every
 * instance, so a retry that reaches another instance sees the original's key (or waits for its commit).
 */
public final class PostgresCounterStore implements CounterStore {
    private static final String INCREMENT = "WITH u AS (UPDATE counter SET value = value + ? WHERE id = 1 RETURNING value)"
            + " INSERT INTO counter_batches (id, last_value, size) SELECT ?, value, ? FROM u RETURNING last_value";

    private final DataSource dataSource;
    private final Duration idempotencyTtl;

    public PostgresCounterStore(DataSource dataSource, Duration idempotencyTtl) {
        this.dataSource = dataSource;
        this.idempotencyTtl = idempotencyTtl;
    }

    @Override
    public List<CounterValue> commitBatch(UUID batchId, List<Request> requests) throws SQLException, OutcomeUnknown {
        boolean keyed = requests.stream().anyMatch(r -> r.idempotencyKey().isPresent());
        try (Connection c = dataSource.getConnection()) {
            return keyed ? commitKeyed(c, batchId, requests) : commitPlain(c, batchId, requests.size());
        }
    }

    /** One auto-committed statement: the increment and the batch record. */
    private List<CounterValue> commitPlain(Connection c, UUID batchId, int k) throws SQLException, OutcomeUnknown {
        long timestamp = System.currentTimeMillis() / 1000;
        LongFunction<List<CounterValue>> answers = last -> {
            var out = new ArrayList<CounterValue>(k);
            for (long v = last - k + 1; v <= last; v++) {
                out.add(new CounterValue(v, timestamp));
            }
            return out;
        };
        c.setAutoCommit(true);
        long last;
        try {
            last = increment(c, batchId, k);
        } catch (SQLException e) {
            if (certainlyRolledBack(e)) {
                throw e;
            }
            // the statement carried its own commit: the connection broke before we learned the outcome
            throw new OutcomeUnknown(batchId, answers, e);
        }
        return answers.apply(last);
    }

    private List<CounterValue> commitKeyed(Connection c, UUID batchId, List<Request> requests)
            throws SQLException, OutcomeUnknown {
        c.setAutoCommit(false);
        LongFunction<List<CounterValue>> answers;
        long last;
        try {
            lockCounter(c);
            var keys = new LinkedHashSet<String>();
            requests.forEach(r -> r.idempotencyKey().ifPresent(keys::add));
            Map<String, CounterValue> known = lookup(c, keys);
            // offsets of the fresh values: unknown keys once each, keyless requests always
            int[] offset = new int[requests.size()];
            var firstUse = new HashMap<String, Integer>();
            int fresh = 0;
            for (int i = 0; i < requests.size(); i++) {
                String key = requests.get(i).idempotencyKey().orElse(null);
                if (key != null && known.containsKey(key)) {
                    offset[i] = -1;
                } else if (key != null && firstUse.containsKey(key)) {
                    offset[i] = -2 - firstUse.get(key);
                } else {
                    offset[i] = fresh++;
                    if (key != null) {
                        firstUse.put(key, i);
                    }
                }
            }
            long timestamp = System.currentTimeMillis() / 1000;
            int k = fresh;
            answers = end -> {
                var out = new ArrayList<CounterValue>(requests.size());
                for (int i = 0; i < requests.size(); i++) {
                    if (offset[i] == -1) {
                        out.add(known.get(requests.get(i).idempotencyKey().orElseThrow()));
                    } else if (offset[i] <= -2) {
                        out.add(out.get(-2 - offset[i]).asReplay());
                    } else {
                        out.add(new CounterValue(end - k + 1 + offset[i], timestamp));
                    }
                }
                return out;
            };
            if (fresh == 0) {
                c.rollback();
                return answers.apply(0);
            }
            last = increment(c, batchId, fresh);
            var values = answers.apply(last);
            var newKeys = new ArrayList<Map.Entry<String, CounterValue>>();
            for (var e : firstUse.entrySet()) {
                newKeys.add(Map.entry(e.getKey(), values.get(e.getValue())));
            }
            store(c, newKeys);
        } catch (SQLException | RuntimeException e) {
            // nothing was committed: a transaction whose connection breaks before COMMIT is rolled back
            rollbackQuietly(c);
            throw e;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            throw new OutcomeUnknown(batchId, answers, e);
        }
        return answers.apply(last);
    }

    /**
     * A statement failed with an error the server reported for it (constraint, lock timeout, ...): rolled back.
     * A broken connection (class 08) or a terminated backend (class 57P) may have hit after the commit.
     */
    static boolean certainlyRolledBack(SQLException e) {
        String state = e.getSQLState();
        return state != null && !state.startsWith("08") && !state.startsWith("57P") && !state.startsWith("XX");
    }

    private static void lockCounter(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM counter WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the counter row is missing");
            }
        }
    }

    private static long increment(Connection c, UUID batchId, int k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INCREMENT)) {
            s.setInt(1, k);
            s.setObject(2, batchId);
            s.setInt(3, k);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the counter row is missing", "P0002");
                }
                return rs.getLong(1);
            }
        }
    }

    private Map<String, CounterValue> lookup(Connection c, LinkedHashSet<String> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT key, value, ts FROM idempotency_keys"
                + " WHERE key = ANY (?) AND created_at > now() - make_interval(secs => ?)")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            s.setLong(2, idempotencyTtl.toSeconds());
            var found = new HashMap<String, CounterValue>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new CounterValue(rs.getLong(2), rs.getLong(3), true));
                }
            }
            return found;
        }
    }

    private void store(Connection c, List<Map.Entry<String, CounterValue>> keys) throws SQLException {
        // only an expired key may still be in the table (the lookup under the counter lock found no live one):
        // the new use replaces it; a live key is never overwritten
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (key, value, ts) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, ts = excluded.ts, created_at = now()"
                + " WHERE idempotency_keys.created_at <= now() - make_interval(secs => ?)")) {
            for (var e : keys) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue().counter());
                s.setLong(3, e.getValue().timestamp());
                s.setLong(4, idempotencyTtl.toSeconds());
                s.addBatch();
            }
            for (int n : s.executeBatch()) {
                if (n == 0) {
                    throw new SQLException("an idempotency key was stored concurrently", "40001");
                }
            }
        }
    }

    @Override
    public OptionalLong committedLastValue(UUID batchId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_value FROM counter_batches WHERE id = ?")) {
            s.setObject(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    public CounterValue incrementNaive() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE counter SET value = value + 1 WHERE id = 1 RETURNING value");
                 ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the counter row is missing");
                }
                long v = rs.getLong(1);
                c.commit();
                return new CounterValue(v, System.currentTimeMillis() / 1000);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    @Override
    public long current() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT value FROM counter WHERE id = 1");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the counter row is missing");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public int expire() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement keys = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at <= now()"
                     + " - make_interval(secs => ?)");
             PreparedStatement batches = c.prepareStatement("DELETE FROM counter_batches WHERE created_at <= now()"
                     + " - interval '1 day'")) {
            keys.setLong(1, idempotencyTtl.toSeconds());
            return keys.executeUpdate() + batches.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is gone with it
        }
    }
}
