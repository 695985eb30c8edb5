package dev.strata.counter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 14: the page a person uses, in a real headless Chromium (Debian's package, installed by scripts/setup):
 * Hello World, the current counter, a button that counts through the same origin, 503 handled gracefully, nothing
 * external. Screenshots land in target/screenshots/.
 */
class WebPageTest {

    @Test
    void clickingTwiceGrowsTheCounterByTwoAndA503IsShownGracefully() throws Exception {
        var binary = Chromium.binary();
        Assumptions.assumeTrue(binary.isPresent(), "skipped: chromium is not installed (scripts/setup installs"
                + " Debian's chromium package; it could not be installed on this machine)");
        try (var db = new TestDb(); var app = TestDb.startReady(db.env()); var browser = new Chromium(binary.get())) {
            db.reset();
            new Client(app.port()).post(); // someone counted before: the page starts at 1
            browser.navigate("http://localhost:" + app.port() + "/");
            assertEquals("Hello World", browser.eval("document.querySelector('h1').textContent"));
            assertEquals("1", browser.waitFor("document.getElementById('counter').textContent", v -> !v.equals("…")));
            assertEquals("0", browser.eval("document.querySelectorAll('a[href], link[href], script[src], img[src],"
                    + " iframe, object, embed').length"), "links to nothing external");

            browser.eval("document.getElementById('increment').click()");
            browser.waitFor("document.getElementById('counter').textContent", "2"::equals);
            browser.waitFor("document.getElementById('increment').disabled", "false"::equals);
            browser.eval("document.getElementById('increment').click()");
            assertEquals("3", browser.waitFor("document.getElementById('counter').textContent", "3"::equals),
                    "two clicks, two more");
            assertEquals("2", browser.eval("document.querySelectorAll('#answers li').length"), "each answer is shown");
            assertTrue(browser.eval("document.querySelector('#answers li').textContent").startsWith("Hello world: 3"));
            assertEquals(3, db.counter(), "the database agrees");
            browser.screenshot(Path.of("target/screenshots/counter-page.png"));

            // a service that cannot count answers 503: the page says so and stays usable
            var env = db.env();
            env.put("DATABASE_URL", "jdbc:postgresql://localhost:1/postgres");
            try (var down = CounterApp.start(AppConfig.fromEnvironment(env))) {
                browser.navigate("http://localhost:" + down.port() + "/");
                browser.waitFor("document.getElementById('counter').textContent", "unavailable"::equals);
                browser.eval("document.getElementById('increment').click()");
                String status = browser.waitFor("document.getElementById('status').textContent",
                        v -> v.startsWith("The service is busy"));
                assertTrue(status.contains("nothing was counted") && status.contains("Try again in 1 s"), status);
                browser.waitFor("document.getElementById('increment').disabled", "false"::equals);
                browser.screenshot(Path.of("target/screenshots/counter-page-503.png"));
            }
            assertEquals(List.of(), List.copyOf(browser.pageErrors), "no script errors");
            assertTrue(Files.size(Path.of("target/screenshots/counter-page.png")) > 1_000);
        }
    }
}
