package dev.strata.counter;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} (Prometheus text) on its own port ({@code METRICS_PORT}), so metrics are never reachable
 * through the public listener, the load balancers or the CDN: only scrapers inside the cluster reach this port.
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    MetricsServer(int port, Metrics metrics) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on METRICS_PORT " + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean ok = exchange.getRequestURI().getPath().equals("/metrics")
                        && exchange.getRequestMethod().equals("GET");
                byte[] body = (ok ? metrics.registry().scrape() : "only GET /metrics is served on this port\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", ok ? "text/plain; version=0.0.4; charset=utf-8"
                        : "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(ok ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
