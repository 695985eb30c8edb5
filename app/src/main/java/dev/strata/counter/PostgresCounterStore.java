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

/**
 * The counter in PostgreSQL: one row, {@code UPDATE ... SET value = value + k RETURNING value} per batch,
 * so a batch of k requests costs one row lock and one fsync. Idempotency keys are looked up and stored in
 * the same transaction, so a retried request can never be counted twice.
 */
public final class PostgresCounterStore implements CounterStore {
    private final DataSource dataSource;
    private final Duration idempotencyTtl;

    public PostgresCounterStore(DataSource dataSource, Duration idempotencyTtl) {
        this.dataSource = dataSource;
        this.idempotencyTtl = idempotencyTtl;
    }

    @Override
    public List<CounterValue> commitBatch(List<Request> requests) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var result = commit(c, requests);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private List<CounterValue> commit(Connection c, List<Request> requests) throws SQLException {
        var keys = new LinkedHashSet<String>();
        requests.forEach(r -> r.idempotencyKey().ifPresent(keys::add));
        Map<String, CounterValue> known = keys.isEmpty() ? Map.of() : lookup(c, keys);

        // requests that need a new value: unknown keys once each, keyless requests always
        var assigned = new HashMap<String, CounterValue>();
        int fresh = 0;
        for (Request r : requests) {
            String key = r.idempotencyKey().orElse(null);
            if (key == null || (!known.containsKey(key) && !assigned.containsKey(key))) {
                fresh++;
                if (key != null) {
                    assigned.put(key, null);
                }
            }
        }
        long end = fresh == 0 ? 0 : increment(c, fresh);
        long timestamp = System.currentTimeMillis() / 1000;
        long next = end - fresh + 1;
        var out = new ArrayList<CounterValue>(requests.size());
        var newKeys = new ArrayList<Map.Entry<String, CounterValue>>();
        for (Request r : requests) {
            String key = r.idempotencyKey().orElse(null);
            if (key != null && known.containsKey(key)) {
                out.add(known.get(key));
            } else if (key != null && assigned.get(key) != null) {
                out.add(assigned.get(key));
            } else {
                var v = new CounterValue(next++, timestamp);
                out.add(v);
                if (key != null) {
                    assigned.put(key, v);
                    newKeys.add(Map.entry(key, v));
                }
            }
        }
        if (!newKeys.isEmpty()) {
            store(c, newKeys);
        }
        return out;
    }

    private long increment(Connection c, int k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE counter SET value = value + ? WHERE id = 1 RETURNING value")) {
            s.setInt(1, k);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the counter row is missing");
                }
                return rs.getLong(1);
            }
        }
    }

    private Map<String, CounterValue> lookup(Connection c, LinkedHashSet<String> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT key, value, ts FROM idempotency_keys"
                + " WHERE key = ANY (?) AND created_at > now() - make_interval(secs => ?) FOR SHARE")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            s.setLong(2, idempotencyTtl.toSeconds());
            var found = new HashMap<String, CounterValue>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new CounterValue(rs.getLong(2), rs.getLong(3)));
                }
            }
            return found;
        }
    }

    private void store(Connection c, List<Map.Entry<String, CounterValue>> keys) throws SQLException {
        // an expired key may still be in the table: the new use replaces it
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (key, value, ts) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, ts = excluded.ts, created_at = now()")) {
            for (var e : keys) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue().counter());
                s.setLong(3, e.getValue().timestamp());
                s.addBatch();
            }
            s.executeBatch();
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
    public int expireKeys() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at <= now()"
                     + " - make_interval(secs => ?)")) {
            s.setLong(1, idempotencyTtl.toSeconds());
            return s.executeUpdate();
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
