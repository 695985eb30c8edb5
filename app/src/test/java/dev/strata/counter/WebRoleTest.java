package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-role topology: web serves the static page and forwards /api/counter to the api role; no database. */
class WebRoleTest {

    @Test
    void theWebRoleServesThePageAndForwardsTheApiToTheApiRole() throws Exception {
        try (var db = new TestDb()) {
            var apiEnv = db.env();
            apiEnv.put("ROLE", "api");
            try (var api = TestDb.startReady(apiEnv)) {
                db.reset();
                var apiClient = new Client(api.port());
                apiClient.post();
                apiClient.post();
                assertEquals(404, apiClient.get("/").status(), "the api role serves no page");

                var webEnv = new HashMap<>(Map.of("PORT", "0", "METRICS_PORT", "0", "ROLE", "web",
                        "API_URL", "http://localhost:" + api.port(), "DRAIN_SECONDS", "1"));
                try (var web = TestDb.startReady(webEnv)) {
                    var webClient = new Client(web.port());
                    var page = webClient.get("/");
                    assertEquals(200, page.status());
                    assertTrue(page.body().contains("Hello World"));
                    assertEquals("public, max-age=10", page.header("Cache-Control"), "the static page is cacheable");
                    assertEquals(304, webClient.send("GET", "/", null, Map.of("If-None-Match", page.header("ETag")))
                            .status(), "revalidation by ETag");
                    assertEquals(2, webClient.get("/api/counter").json().path("counter").asLong());
                    var post = webClient.send("POST", "/api/counter", null, Map.of("Idempotency-Key", "web-1"));
                    assertEquals(3, post.json().path("counter").asLong(), post.body());
                    assertEquals(post.body(), webClient.send("POST", "/api/counter", null,
                            Map.of("Idempotency-Key", "web-1")).body(), "the key reaches the api role");
                    assertEquals(3, db.counter());
                    assertEquals(200, webClient.get("/health/ready").status(), "web is ready without a database");
                }
            }
        }
    }
}
