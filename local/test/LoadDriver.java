import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Load for scripts/local-test: closed-loop workers through the edge, each sending POST /api/counter and,
 * every fourth request, GET / (the web tier), until the stop file appears. Every non-200 answer and every
 * transport error is a failure. Writes "<ok> <failed>" to the progress file every 200 ms, and at the end one
 * line of key=value figures: posts, posts_ok, posts_failed, gets, gets_ok, gets_failed, values (counter
 * values answered), duplicates (values answered twice), min, max, then one failure reason per line.
 *
 * Usage: java LoadDriver.java <base-url> <workers> <stop-file> <progress-file>
 */
public final class LoadDriver {
    private static final Pattern COUNTER = Pattern.compile("\"counter\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java LoadDriver.java <base-url> <workers> <stop-file> <progress-file>");
            System.exit(2);
        }
        String base = args[0];
        int workers = Integer.parseInt(args[1]);
        Path stop = Path.of(args[2]);
        Path progress = Path.of(args[3]);

        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/counter"))
            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/"))
            .timeout(Duration.ofSeconds(60)).GET().build();

        AtomicLong posts = new AtomicLong(), postsOk = new AtomicLong(), postsFailed = new AtomicLong();
        AtomicLong gets = new AtomicLong(), getsOk = new AtomicLong(), getsFailed = new AtomicLong();
        ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                long n = 0;
                while (running.get()) {
                    boolean isGet = (n++ % 4) == 3;
                    try {
                        HttpResponse<String> r = client.send(isGet ? get : post, HttpResponse.BodyHandlers.ofString());
                        if (isGet) {
                            gets.incrementAndGet();
                            if (r.statusCode() == 200) {
                                getsOk.incrementAndGet();
                            } else {
                                getsFailed.incrementAndGet();
                                failures.computeIfAbsent("GET / " + r.statusCode() + " " + abbreviate(r.body()), k -> new AtomicLong()).incrementAndGet();
                            }
                        } else {
                            posts.incrementAndGet();
                            var m = COUNTER.matcher(r.body());
                            if (r.statusCode() == 200 && m.find()) {
                                postsOk.incrementAndGet();
                                values.add(Long.parseLong(m.group(1)));
                            } else {
                                postsFailed.incrementAndGet();
                                failures.computeIfAbsent("POST " + r.statusCode() + " " + abbreviate(r.body()), k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        (isGet ? gets : posts).incrementAndGet();
                        (isGet ? getsFailed : postsFailed).incrementAndGet();
                        failures.computeIfAbsent((isGet ? "GET / " : "POST ") + e, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }));
        }
        while (!Files.exists(stop)) {
            long ok = postsOk.get() + getsOk.get(), failed = postsFailed.get() + getsFailed.get();
            Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
            Files.writeString(tmp, ok + " " + failed + "\n");
            Files.move(tmp, progress, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(200);
        }
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }

        TreeMap<Long, Integer> seen = new TreeMap<>();
        for (long v : values) {
            seen.merge(v, 1, Integer::sum);
        }
        long duplicates = seen.values().stream().filter(c -> c > 1).count();
        System.out.printf("posts=%d posts_ok=%d posts_failed=%d gets=%d gets_ok=%d gets_failed=%d values=%d duplicates=%d min=%d max=%d%n",
            posts.get(), postsOk.get(), postsFailed.get(), gets.get(), getsOk.get(), getsFailed.get(),
            values.size(), duplicates, seen.isEmpty() ? 0 : seen.firstKey(), seen.isEmpty() ? 0 : seen.lastKey());
        failures.forEach((reason, count) -> System.out.println("failure " + count + "x " + reason));
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
