package dev.strata.counter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Items 7, 9, 10, 11: listen backlog, idle timeout, metrics on their own port, the access log. */
class ServingTest extends WithDatabase {
    @Test
    void theListenBacklogIs4096AsTheKernelSeesIt() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v ss").start().waitFor() == 0,
                "skipped: ss (iproute2) is not installed, so the kernel's backlog cannot be read");
        int somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
        try (var app = TestDb.startReady(db.env())) {
            var p = new ProcessBuilder("ss", "-Hltn", "sport = :" + app.port()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            // LISTEN  Recv-Q  Send-Q(= the backlog passed to listen())  Local  Peer
            var fields = out.lines().findFirst().orElseThrow(() -> new AssertionError("no listener: " + out)).trim()
                    .split("\\s+");
            assertEquals(Math.min(4096, somaxconn), Integer.parseInt(fields[2]), out);
        }
    }

    /**
     * Item 8: a maintained server line (Jetty 12; Jetty 11 is end-of-life), blocking work on virtual threads: Jetty's
     * blocking tasks and every Javalin route; the hot route blocks no thread at all ({@link CounterHandler}).
     */
    @Test
    void theServerIsJetty12OnVirtualThreads() throws Exception {
        assertTrue(org.eclipse.jetty.util.Jetty.VERSION.startsWith("12."), org.eclipse.jetty.util.Jetty.VERSION);
        try (var app = TestDb.startReady(db.env())) {
            var onVirtual = new java.util.concurrent.CompletableFuture<Boolean>();
            var virtualThreads = org.eclipse.jetty.util.VirtualThreads.getVirtualThreadsExecutor(app.threadPool());
            assertTrue(virtualThreads != null, "Jetty has a virtual-thread executor for blocking tasks: " + app.threadPool());
            virtualThreads.execute(() -> onVirtual.complete(Thread.currentThread().isVirtual()));
            assertTrue(onVirtual.get(10, java.util.concurrent.TimeUnit.SECONDS), "Jetty's blocking tasks run on virtual"
                    + " threads: " + app.threadPool());
            var routed = new java.util.concurrent.CompletableFuture<Boolean>();
            app.blocking().execute(() -> routed.complete(Thread.currentThread().isVirtual()));
            assertTrue(routed.get(10, java.util.concurrent.TimeUnit.SECONDS), "Javalin's routes run on virtual threads");
        }
    }

    /**
     * Item 15: once its answer is written, a connection reads its next request on the thread that wrote it: the
     * selector thread a batch's answer is handed to, or the writer when nothing else was queued. No pool thread is
     * woken per request to resume it ({@link ServerPool}); before, every answered request woke one.
     */
    @Test
    void connectionsResumeWhereTheirAnswerWasWrittenUnderLoad() throws Exception {
        try (var app = TestDb.startReady(db.env())) {
            var pool = (ServerPool) app.threadPool();
            int clients = 48;
            int each = 40;
            long dispatchedBefore = pool.connectionsDispatched();
            long onSelectorsBefore = app.hotRoute().answeredOnSelectors();
            long byWriterBefore = app.hotRoute().answeredByWriter();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var done = new ArrayList<java.util.concurrent.Future<Integer>>();
                for (int c = 0; c < clients; c++) {
                    done.add(threads.submit(() -> {
                        try (var client = new Client(app.port())) {
                            int ok = 0;
                            for (int i = 0; i < each; i++) {
                                ok += client.post().status() == 200 ? 1 : 0;
                            }
                            return ok;
                        }
                    }));
                }
                int ok = 0;
                for (var f : done) {
                    ok += f.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
                assertEquals(clients * each, ok);
            }
            long dispatched = pool.connectionsDispatched() - dispatchedBefore;
            long onSelectors = app.hotRoute().answeredOnSelectors() - onSelectorsBefore;
            long byWriter = app.hotRoute().answeredByWriter() - byWriterBefore;
            // the rest were settled inside the handler's call (their batch committed before it had returned)
            assertTrue(onSelectors + byWriter <= clients * each, onSelectors + " + " + byWriter);
            assertTrue(onSelectors > 0 && byWriter > 0, "both ways were taken: " + onSelectors + " on selectors, "
                    + byWriter + " by the writer");
            assertEquals(0, dispatched, "connections resumed through the pool (" + onSelectors + " answers written on"
                    + " selectors, " + byWriter + " by the writer)");
        }
    }

    /**
     * Item 15: HTTP/1.1 pipelining (a TCP load balancer passes it through): requests already buffered when an answer is
     * written are read and answered in order, on whichever thread resumes the connection (a selector or the writer),
     * each exactly once. 8 connections each send 25 POSTs in one write.
     */
    @Test
    void pipelinedRequestsAreAnsweredInOrderEachOnce() throws Exception {
        try (var app = TestDb.startReady(db.env())) {
            int connections = 8;
            int each = 25;
            long before = db.counter();
            var request = "POST /api/counter HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n";
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var done = new ArrayList<java.util.concurrent.Future<List<Long>>>();
                for (int c = 0; c < connections; c++) {
                    done.add(threads.submit(() -> {
                        try (var socket = new java.net.Socket("localhost", app.port())) {
                            socket.setSoTimeout(20_000);
                            socket.getOutputStream().write(request.repeat(each).getBytes(StandardCharsets.US_ASCII));
                            socket.getOutputStream().flush();
                            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
                            var values = new ArrayList<Long>();
                            for (int i = 0; i < each; i++) {
                                String status = readLine(in);
                                assertTrue(status.startsWith("HTTP/1.1 200"), "answer " + i + ": " + status);
                                int length = -1;
                                for (String h; !(h = readLine(in)).isEmpty(); ) {
                                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                        length = Integer.parseInt(h.substring(15).trim());
                                    }
                                }
                                var body = new byte[length];
                                in.readFully(body);
                                values.add(Client.JSON.readTree(body).get("counter").asLong());
                            }
                            return values;
                        }
                    }));
                }
                var all = new java.util.TreeSet<Long>();
                for (var f : done) {
                    var values = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertEquals(each, values.size());
                    for (int i = 1; i < values.size(); i++) {
                        assertTrue(values.get(i) > values.get(i - 1), "answered in order: " + values);
                    }
                    all.addAll(values);
                }
                assertEquals(connections * each, all.size(), "no value twice");
            }
            assertEquals(before + connections * each, db.counter(), "each request counted once");
        }
    }

    private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
        var line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new java.io.EOFException("connection closed after: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Test
    void idleConnectionsOutliveTheLoadBalancersKeepAlive() throws Exception {
        try (var app = TestDb.startReady(db.env())) {
            assertTrue(app.connector().getIdleTimeout() > 620_000, "idle timeout " + app.connector().getIdleTimeout()
                    + " ms must exceed the GCP load balancer's 600 s keep-alive");
            // and it applies to a live connection, not only the setting
            try (var s = new java.net.Socket("localhost", app.port())) {
                assertEquals(200, CounterAppTest.exchange(s, true));
                var endpoints = app.connector().getConnectedEndPoints();
                assertTrue(!endpoints.isEmpty() && endpoints.stream().allMatch(e -> e.getIdleTimeout() > 620_000),
                        endpoints.toString());
            }
        }
    }

    @Test
    void metricsAreServedOnlyOnTheirOwnPortAndReplaysAreCountedApart() throws Exception {
        try (var app = TestDb.startReady(db.env())) {
            db.reset();
            var client = new Client(app.port());
            assertEquals(404, client.get("/metrics").status(), "no metrics on the public listener");
            client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "m-1"));
            client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "m-1"));
            client.post();
            var scrape = new Client(app.metricsPort()).get("/metrics");
            assertEquals(200, scrape.status());
            assertTrue(scrape.body().contains("counter_committed_total 2.0"), "replays are not committed values");
            assertTrue(scrape.body().contains("counter_replayed_total 1.0"), "replays have their own counter");
            assertEquals(404, new Client(app.metricsPort()).get("/api/counter").status(), "only metrics there");
        }
    }

    @Test
    void oneJsonAccessLogLinePerRequestSampledAboveTheConfiguredRate() throws Exception {
        var access = (Logger) org.slf4j.LoggerFactory.getLogger("access");
        var lines = new ListAppender<ILoggingEvent>();
        lines.start();
        access.addAppender(lines);
        var env = db.env();
        env.put("ACCESS_LOG_PER_SECOND", "20");
        try (var app = TestDb.startReady(env)) {
            db.reset();
            var client = new Client(app.port());
            Thread.sleep(1_000 - System.nanoTime() / 1_000_000 % 1_000); // start in a fresh second
            client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "log-1", "X-Request-Id", "req-1"));
            client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "log-1", "X-Request-Id", "req-2"));
            client.send("PUT", "/api/counter", null, Map.of("X-Request-Id", "req-3"));
            var encoder = new LogstashEncoder();
            encoder.start();
            var json = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
            for (var e : List.copyOf(lines.list)) {
                json.add(Client.JSON.readTree(encoder.encode(e)));
            }
            assertEquals(3, json.size(), json.toString());
            var first = json.get(0);
            assertEquals("POST", first.path("method").asText());
            assertEquals("/api/counter", first.path("route").asText());
            assertEquals(200, first.path("status").asInt());
            assertTrue(first.path("latency_ms").isNumber());
            assertEquals("req-1", first.path("request_id").asText());
            assertEquals("new", first.path("idempotency").asText());
            assertEquals("replay", json.get(1).path("idempotency").asText(), "an idempotency hit is marked");
            assertEquals(405, json.get(2).path("status").asInt());

            lines.list.clear();
            Thread.sleep(1_000 - System.nanoTime() / 1_000_000 % 1_000);
            for (int i = 0; i < 200; i++) {
                client.post();
            }
            Thread.sleep(1_100);
            client.post(); // the first line of a later second reports how many were sampled out
            long logged = lines.list.size();
            assertTrue(logged < 200, "sampled above 20 lines per second: " + logged + " lines for 201 requests");
            long reported = 0;
            for (var e : List.copyOf(lines.list)) {
                reported += Client.JSON.readTree(encoder.encode(e)).path("sampled_out").asLong();
            }
            assertEquals(201 - logged, reported, "every request is either logged or counted as sampled out");
        } finally {
            access.detachAppender(lines);
        }
    }
}
