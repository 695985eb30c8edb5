package dev.strata.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's package) driven over the DevTools protocol with the JDK's own HTTP and WebSocket
 * client: no driver to download, nothing to pin beyond the browser package.
 */
final class Chromium implements AutoCloseable {
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0", "--window-size=800,600");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    /** Uncaught JavaScript exceptions of the page. */
    final ConcurrentLinkedQueue<String> pageErrors = new ConcurrentLinkedQueue<>();

    /** The browser binary, if installed. */
    static Optional<String> binary() {
        for (String b : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, b))) {
                    return Optional.of(Path.of(dir, b).toString());
                }
            }
        }
        return Optional.empty();
    }

    Chromium(String binary) throws Exception {
        profile = Files.createTempDirectory("counter-chromium");
        var cmd = new java.util.ArrayList<>(List.of(binary, "--user-data-dir=" + profile));
        cmd.addAll(FLAGS);
        cmd.add("about:blank");
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String browserUrl = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (browserUrl == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            var m = LISTENING.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not open its DevTools port");
        }
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { })); // keep draining stderr
        var http = HttpClient.newHttpClient();
        var base = URI.create(browserUrl.replace("ws://", "http://").replaceAll("/devtools/.*", ""));
        String pageUrl = null;
        for (int i = 0; i < 100 && pageUrl == null; i++) {
            var list = Client.JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (var t : list) {
                if ("page".equals(t.path("type").asText())) {
                    pageUrl = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageUrl == null) {
                Thread.sleep(100);
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener()).get(30, TimeUnit.SECONDS);
        call("Runtime.enable", Map.of());
        call("Page.enable", Map.of());
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    var msg = Client.JSON.readTree(text.toString());
                    if (msg.has("id")) {
                        var f = calls.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else if ("Runtime.exceptionThrown".equals(msg.path("method").asText())) {
                        pageErrors.add(msg.path("params").path("exceptionDetails").toString());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        var f = new CompletableFuture<JsonNode>();
        calls.put(id, f);
        ObjectNode msg = Client.JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", Client.JSON.valueToTree(params));
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        var res = f.get(30, TimeUnit.SECONDS);
        if (res.has("error")) {
            throw new IllegalStateException(method + ": " + res.get("error"));
        }
        return res.path("result");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState", "complete"::equals);
    }

    /** Evaluates a JavaScript expression in the page; its value as a string. */
    String eval(String expression) throws Exception {
        var r = call("Runtime.evaluate", Map.of("expression", "String(" + expression + ")", "returnByValue", true));
        return r.path("result").path("value").asText();
    }

    /** Polls an expression until its value passes (at most 30 s); returns that value. */
    String waitFor(String expression, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String v = eval(expression);
        while (!done.test(v)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(expression + " stayed " + v);
            }
            Thread.sleep(50);
            v = eval(expression);
        }
        return v;
    }

    void screenshot(Path file) throws Exception {
        var r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
