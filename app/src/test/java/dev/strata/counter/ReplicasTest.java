package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Item 1: the guarantees hold across instances sharing one database (prod runs several api replicas). */
class ReplicasTest extends WithDatabase {
    @Test
    void aRetryThatReachesAnotherInstanceGetsTheOriginalAnswerAndIsCountedOnce() throws Exception {
        try (var a = TestDb.startReady(db.env()); var b = TestDb.startReady(db.env())) {
            db.reset();
            var clients = List.of(new Client(a.port()), new Client(b.port()));
            int keys = 300;
            int perKey = 4; // two to each instance, all at once
            var answers = new ConcurrentHashMap<String, java.util.Set<String>>();
            var failures = new AtomicInteger();
            var keyless = new AtomicInteger();
            var threads = new ArrayList<Thread>();
            var go = new CountDownLatch(1);
            for (int k = 0; k < keys; k++) {
                String key = "order-" + k;
                for (int i = 0; i < perKey; i++) {
                    var client = clients.get(i % 2);
                    threads.add(Thread.ofVirtual().start(() -> {
                        try {
                            go.await();
                            var r = client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", key));
                            if (r.status() == 200) {
                                answers.computeIfAbsent(key, x -> ConcurrentHashMap.newKeySet()).add(r.body());
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }));
                }
                // keyless traffic in between, on both instances, interleaving with the keyed batches
                var client = clients.get(k % 2);
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        if (client.post().status() == 200) {
                            keyless.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            go.countDown();
            for (var t : threads) {
                t.join();
            }
            assertEquals(0, failures.get());
            var duplicates = answers.entrySet().stream().filter(e -> e.getValue().size() != 1).map(Map.Entry::getKey)
                    .toList();
            assertEquals(List.of(), duplicates, "every answer for one key is the original one, whichever instance");
            assertEquals(keys + keyless.get(), db.counter(), "each key counted once across both instances");
            var values = new HashSet<Long>();
            answers.values().forEach(s -> values.add(Client.JSON.valueToTree(parse(s.iterator().next())).path("counter")
                    .asLong()));
            assertEquals(keys, values.size(), "no two keys share a value");
            double committed = a.metrics().committedCount() + b.metrics().committedCount();
            double replayed = a.metrics().replayedCount() + b.metrics().replayedCount();
            assertEquals(keys + keyless.get(), committed, 0.0, "counter_committed_total excludes replays");
            assertEquals((double) keys * (perKey - 1), replayed, 0.0, "counter_replayed_total counts them");
            assertTrue(db.counter() > 0);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String body) {
        try {
            return Client.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
