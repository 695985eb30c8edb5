// The JDK's built-in HTTP server answering the counter's contract from memory, for the server comparison
// of docs/benchmarks.md (java JdkHttpServer.java <port>). Same virtual-thread executor as the service.
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

public class JdkHttpServer {
    public static void main(String[] args) throws Exception {
        var counter = new AtomicLong();
        var server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[0])), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/counter", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"timestamp\":" + System.currentTimeMillis() / 1000 + ",\"counter\":"
                    + counter.incrementAndGet() + ",\"message\":\"Hello world\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
