package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Database outages, graceful shutdown and timeouts under load: nothing lost, nothing counted twice. */
class ResilienceTest extends WithDatabase {
    /** Clients hammering POST until told to stop, recording every outcome. */
    static final class Load implements AutoCloseable {
        final ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Load(Client client, int clients) {
            for (int i = 0; i < clients; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        try {
                            var r = client.post();
                            if (r.status() == 200) {
                                values.add(r.json().path("counter").asLong());
                            } else if (r.status() == 503) {
                                unavailable.incrementAndGet();
                                Thread.sleep(20);
                            } else {
                                other.incrementAndGet();
                            }
                        } catch (Exception e) {
                            other.incrementAndGet();
                        }
                    }
                }));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (var t : threads) {
                t.join();
            }
        }
    }

    @Test
    void aDatabaseOutageGives503sAndRecoversWithoutRestartAndNoValueIsEverRepeated() throws Exception {
        var env = db.env();
        env.put("REQUEST_TIMEOUT_MS", "2000");
        try (var app = TestDb.startReady(env)) {
            db.reset();
            var client = new Client(app.port());
            Load load = new Load(client, 16);
            Thread.sleep(1_000);
            db.stop();
            // readiness follows the background ping (every 500 ms, a connection attempt bounded by 2 s)
            int readyDuringOutage = 200;
            long outageDeadline = System.currentTimeMillis() + 6_000;
            while (readyDuringOutage == 200 && System.currentTimeMillis() < outageDeadline) {
                Thread.sleep(100);
                readyDuringOutage = client.get("/health/ready").status();
            }
            Thread.sleep(500);
            db.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (client.get("/health/ready").status() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            int before = load.values.size();
            Thread.sleep(1_500);
            load.close();
            int after = load.values.size();

            assertEquals(503, readyDuringOutage, "readiness fails while the database is down");
            assertTrue(load.unavailable.get() > 0, "requests during the outage got 503");
            assertTrue(after > before, "requests succeed again after recovery, without a restart");
            assertEquals(0, load.other.get(), "only 200 or 503, never an error page or a dropped request");
            var unique = new HashSet<>(load.values);
            assertEquals(load.values.size(), unique.size(), "no value handed out twice");
            long durable = db.counter();
            assertTrue(java.util.Collections.max(unique) <= durable, "every success is durable");
            // a commit whose acknowledgement was lost with the connection is resolved: answered or undelivered
            assertEquals(durable, load.values.size() + (long) app.metrics().undeliveredCount(),
                    "every durable increment was answered or counted undelivered");
        }
    }

    @Test
    void gracefulStopUnderLoadFailsNoRequestThatReachedTheCounter() throws Exception {
        var env = db.env();
        env.put("DRAIN_SECONDS", "5");
        var app = TestDb.startReady(env);
        db.reset();
        int port = app.port();
        var ok = new AtomicInteger();
        var bad = new ConcurrentLinkedQueue<String>();
        var running = new AtomicBoolean(true);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try (var s = new Socket("localhost", port)) {
                        s.setSoTimeout(10_000);
                        int status = CounterAppTest.exchange(s, false);
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else if (status != -1) {
                            bad.add("status " + status);
                        }
                    } catch (ConnectException e) {
                        return; // the server no longer accepts: this request never started
                    } catch (Exception e) {
                        // a connection reset before the server read the request is not an in-flight request;
                        // the counter check below proves no counted request lost its answer
                    }
                }
            }));
        }
        Thread.sleep(1_000);
        app.stop();
        running.set(false);
        for (var t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(bad), "no in-flight request got an error status");
        assertTrue(ok.get() > 100, "load was running: " + ok.get());
        assertEquals(ok.get(), db.counter(), "every counted request got its answer, and nothing was counted twice");
    }

    @Test
    void requestsStuckBehindALockedCounterTimeOutUncountedAndTheRestSucceed() throws Exception {
        var env = db.env();
        env.put("REQUEST_TIMEOUT_MS", "300");
        try (var app = TestDb.startReady(env)) {
            db.reset();
            var client = new Client(app.port());
            var results = new ConcurrentLinkedQueue<Integer>();
            try (var lock = db.connect()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE counter IN ACCESS EXCLUSIVE MODE");
                var threads = new ArrayList<Thread>();
                Runnable post = () -> {
                    try {
                        results.add(client.post().status());
                    } catch (Exception e) {
                        results.add(-1);
                    }
                };
                // the first request's batch is taken by the writer and blocks on the lock ...
                threads.add(Thread.ofVirtual().start(post));
                Thread.sleep(300);
                // ... so these wait in the queue behind it, longer than the timeout
                for (int i = 0; i < 49; i++) {
                    threads.add(Thread.ofVirtual().start(post));
                }
                Thread.sleep(1_500);
                lock.rollback();
                for (var t : threads) {
                    t.join();
                }
            }
            long ok = results.stream().filter(s -> s == 200).count();
            long refused = results.stream().filter(s -> s == 503).count();
            assertEquals(50, ok + refused, results.toString());
            assertTrue(refused > 0, "requests queued behind the lock were withdrawn: " + results);
            assertEquals(ok, db.counter(), "withdrawn requests were never counted; taken ones were answered");
        }
    }
}
