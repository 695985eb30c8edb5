package dev.strata.counter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The web role's {@code /api/counter}: forwarded to the api role ({@code API_URL}), so the page works when a web pod
 * is reached directly (port-forward, local two-role runs). Behind the edges, {@code /api/*} goes to the api role and
 * never reaches this.
 */
final class ApiProxy {
    /** The request headers the api role reads. */
    static final List<String> FORWARDED = List.of("Idempotency-Key", "X-Request-Id", "Content-Type");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;
    private final Duration timeout;

    ApiProxy(String apiUrl, Duration timeout) {
        this.target = URI.create(apiUrl.replaceAll("/+$", "") + "/api/counter");
        this.timeout = timeout;
    }

    /** The api role's answer: status, content type, body; empty when it cannot be reached. */
    record Answer(int status, String contentType, byte[] body, String retryAfter) {
    }

    Answer forward(String method, java.util.function.Function<String, String> header, byte[] body)
            throws InterruptedException {
        var b = HttpRequest.newBuilder(target).timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : FORWARDED) {
            String v = header.apply(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        try {
            var res = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(res.statusCode(), res.headers().firstValue("Content-Type").orElse("application/json"),
                    res.body(), res.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(503, "application/json", Routes.errorBody(503, "the api role cannot be reached; whether"
                    + " the request was counted is unknown: retry with the same Idempotency-Key").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), "1");
        }
    }
}
