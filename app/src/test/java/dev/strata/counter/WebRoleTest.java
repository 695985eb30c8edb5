package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-role topology: web serves the page from the api role's counter and has no database. */
class WebRoleTest {

    @Test
    void theWebRoleShowsTheApiRolesCounterAndServesNoApi() throws Exception {
        try (var db = new TestDb()) {
            var apiEnv = db.env();
            apiEnv.put("ROLE", "api");
            try (var api = CounterApp.start(AppConfig.fromEnvironment(apiEnv))) {
                db.reset();
                var apiClient = new Client(api.port());
                apiClient.post();
                apiClient.post();
                assertEquals(404, apiClient.get("/").status(), "the api role serves no page");

                var webEnv = new HashMap<>(Map.of("PORT", "0", "ROLE", "web",
                        "API_URL", "http://localhost:" + api.port(), "DRAIN_SECONDS", "1"));
                try (var web = CounterApp.start(AppConfig.fromEnvironment(webEnv))) {
                    var webClient = new Client(web.port());
                    var page = webClient.get("/");
                    assertEquals(200, page.status());
                    assertTrue(page.body().contains("Hello World"));
                    assertTrue(page.body().contains("<span id=\"counter\">2</span>"), page.body());
                    assertEquals(404, webClient.post().status(), "the web role serves no API");
                    assertEquals(200, webClient.get("/health/ready").status(), "web is ready without a database");
                }
            }
        }
    }
}
