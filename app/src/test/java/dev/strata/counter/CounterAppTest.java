package dev.strata.counter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service with its production wiring, on a real PostgreSQL, through real HTTP. */
class CounterAppTest extends WithDatabase {
    CounterApp app;
    Client client;

    @BeforeEach
    void start() throws Exception {
        app = TestDb.startReady(db.env());
        db.reset();
        client = new Client(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void answersTheContract() throws Exception {
        var r = client.post();
        assertEquals(200, r.status());
        var json = r.json();
        assertEquals(1, json.path("counter").asLong());
        assertEquals("Hello world", json.path("message").asText());
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(json.path("timestamp").asLong() - now) <= 2, r.body());
        assertEquals(List.of("counter", "message", "timestamp"), sortedFields(json));
        assertEquals(1, client.get("/api/counter").json().path("counter").asLong());
        assertTrue(client.get("/").body().contains("Hello World"));
    }

    private static List<String> sortedFields(com.fasterxml.jackson.databind.JsonNode json) {
        var names = new ArrayList<String>();
        json.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    @Test
    void tenThousandConcurrentRequestsGetUniqueConsecutiveValuesAndTheDatabaseAgrees() throws Exception {
        int total = 10_000;
        var values = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(64)) {
            for (int i = 0; i < total; i++) {
                pool.submit(() -> {
                    try {
                        var r = client.post();
                        if (r.status() == 200) {
                            values.add(r.json().path("counter").asLong());
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                });
            }
        }
        assertEquals(0, failures.get());
        var unique = new HashSet<>(values);
        assertEquals(total, values.size());
        assertEquals(total, unique.size(), "no value handed out twice");
        assertEquals(total, java.util.Collections.max(unique));
        assertEquals(1, java.util.Collections.min(unique));
        assertEquals(total, db.counter(), "the durable counter equals the successful responses");
    }

    @Test
    void anIdempotentRetryGetsTheOriginalAnswerWithoutANewIncrement() throws Exception {
        var first = client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "order-42"));
        client.post();
        var retry = client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "order-42"));
        assertEquals(200, retry.status());
        assertEquals(first.body(), retry.body(), "the original response, timestamp included");
        assertEquals(2, db.counter());

        // the same key sent concurrently is counted once
        var bodies = new ConcurrentLinkedQueue<String>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                pool.submit(() -> {
                    bodies.add(client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "k-2")).body());
                    return null;
                });
            }
        }
        assertEquals(1, new HashSet<>(bodies).size(), bodies.toString());
        assertEquals(3, db.counter());
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "PUT|/api/counter||405|method PUT is not allowed on /api/counter; allowed: GET, POST",
            "DELETE|/api/counter||405|method DELETE is not allowed",
            "GET|/api/nothing||404|no route GET /api/nothing",
            "POST|/api/counter|not json|400|the body is not valid JSON",
            "POST|/api/counter|[1,2]|400|the body must be a JSON object (or empty)",
            "POST|/api/counter|TOO_LARGE|413|at most 1024 are accepted",
            "POST|/api/counter|TEXT|415|Content-Type text/plain is not supported"})
    void badInputGetsTheRightStatusAndAJsonErrorAndCountsNothing(String method, String path, String body, int status,
                                                               String message) throws Exception {
        var headers = new java.util.HashMap<String, String>();
        String payload = body;
        if ("TOO_LARGE".equals(body)) {
            payload = "{\"pad\":\"" + "x".repeat(2000) + "\"}";
        } else if ("TEXT".equals(body)) {
            payload = "hello";
            headers.put("Content-Type", "text/plain");
        } else if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        var r = client.send(method, path, payload, headers);
        assertEquals(status, r.status(), r.body());
        assertEquals(status, r.json().path("status").asInt());
        assertTrue(r.json().path("error").asText().contains(message), r.body());
        assertEquals(0, db.counter(), "nothing counted");
        if (status == 405) {
            assertEquals("GET, POST", r.header("Allow"));
        }
    }

    @Test
    void aBadIdempotencyKeyIsRefusedAndSmallJsonBodiesAreAccepted() throws Exception {
        var bad = client.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "has spaces and $"));
        assertEquals(400, bad.status());
        assertTrue(bad.json().path("error").asText().startsWith("Idempotency-Key must be"));
        assertEquals(200, client.send("POST", "/api/counter", "{}", Map.of("Content-Type", "application/json")).status());
        assertEquals(200, client.send("POST", "/api/counter", "{\"note\":\"x\"}", Map.of()).status());
        assertEquals(2, db.counter());
    }

    @Test
    void healthAndMetrics() throws Exception {
        assertEquals(200, client.get("/health/live").status());
        assertEquals("ready", client.get("/health/ready").json().path("status").asText());
        client.post();
        var metrics = new Client(app.metricsPort()).get("/metrics").body();
        for (String name : List.of("counter_batch_size_bucket", "counter_committed_total", "counter_queue_depth",
                "http_server_requests_seconds_bucket", "hikaricp_connections_active", "counter_undelivered_total",
                "counter_replayed_total")) {
            assertTrue(metrics.contains(name), name);
        }
        assertTrue(metrics.contains("route=\"/api/counter\""));
    }

    @Test
    void holdsAThousandIdleKeepAliveConnections() throws Exception {
        int n = 1000;
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < n; i++) {
                var s = new Socket("localhost", app.port());
                s.setSoTimeout(20_000);
                sockets.add(s);
                assertEquals(200, exchange(s, true));
            }
            Thread.sleep(2_000);
            int ok = 0;
            for (var s : sockets) {
                ok += exchange(s, true) == 200 ? 1 : 0;
            }
            assertEquals(n, ok, "every idle keep-alive connection still works");
        } finally {
            for (var s : sockets) {
                s.close();
            }
        }
        assertEquals(2L * n, db.counter());
    }

    /** One POST on a socket; returns the status, reading the whole response. */
    static int exchange(Socket s, boolean keepAlive) throws java.io.IOException {
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/counter HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String status = in.readLine();
        if (status == null) {
            return -1;
        }
        int length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        return Integer.parseInt(status.split(" ")[1]);
    }
}
