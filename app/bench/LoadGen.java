// A small load generator for the counter service, run as a single-file program (java LoadGen.java ...).
// HTTP/1.1 keep-alive over plain sockets, one virtual thread per connection, so the generator itself stays
// cheap on a 2-core machine.
//   closed <connections> <seconds>      each connection sends as fast as answers come back
//   open <rate> <seconds> <connections> requests are due at a fixed rate; latency counts from the due time,
//                                       so queueing in the generator or the server is part of it
//   idle <connections> <pauseSeconds>   one request per connection, an idle pause, one more on each
// Prints one JSON line: requests, ok, errors, throughput, latency percentiles (ms), and the counter values
// handed out (count, unique, min, max) for the exactness check.
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

public class LoadGen {
    static final byte[] REQUEST = ("POST /api/counter HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    static String host = "localhost";
    static int port;

    static final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<long[]> counters = new ConcurrentLinkedQueue<>();
    static final AtomicLong errors = new AtomicLong();

    public static void main(String[] args) throws Exception {
        port = Integer.parseInt(System.getenv().getOrDefault("TARGET_PORT", "18181"));
        switch (args[0]) {
            case "closed" -> closed(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "open" -> open(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "idle" -> idle(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("closed|open|idle");
        }
    }

    /** One keep-alive connection; reconnects after a failure. */
    static final class Conn {
        Socket socket;
        InputStream in;
        OutputStream out;

        long post() throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 4096);
                out = socket.getOutputStream();
            }
            out.write(REQUEST);
            out.flush();
            return read();
        }

        /** Reads one response; returns the counter value, or -status for a non-200. */
        long read() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            String l;
            while (!(l = line()).isEmpty()) {
                if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(l.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (code != 200) {
                return -code;
            }
            String s = new String(body, StandardCharsets.US_ASCII);
            int i = s.indexOf("\"counter\":") + 10;
            int j = i;
            while (Character.isDigit(s.charAt(j))) {
                j++;
            }
            return Long.parseLong(s.substring(i, j));
        }

        String line() throws IOException {
            var sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    static void record(long[] lat, int[] n, long[] vals, int[] m, long nanos, long value) {
        lat[n[0]++] = nanos;
        if (value > 0) {
            vals[m[0]++] = value;
        } else {
            errors.incrementAndGet();
        }
    }

    static void closed(int connections, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        var threads = new ArrayList<Thread>();
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                var c = new Conn();
                long[] lat = new long[4_000_000 / connections + 10_000];
                long[] vals = new long[lat.length];
                int[] n = {0};
                int[] m = {0};
                while (System.nanoTime() < end && n[0] < lat.length) {
                    long t0 = System.nanoTime();
                    try {
                        long v = c.post();
                        record(lat, n, vals, m, System.nanoTime() - t0, v);
                    } catch (IOException e) {
                        c.close();
                        record(lat, n, vals, m, System.nanoTime() - t0, -1);
                    }
                }
                c.close();
                latencies.add(Arrays.copyOf(lat, n[0]));
                counters.add(Arrays.copyOf(vals, m[0]));
            }));
        }
        for (var t : threads) {
            t.join();
        }
        report("closed", connections, System.nanoTime() - start);
    }

    static void open(int rate, int seconds, int connections) throws Exception {
        long total = (long) rate * seconds;
        BlockingQueue<Long> due = new ArrayBlockingQueue<>((int) total + 1);
        var done = new AtomicBoolean(false);
        var threads = new ArrayList<Thread>();
        long start = System.nanoTime() + 50_000_000L;
        for (int t = 0; t < connections; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                var c = new Conn();
                // grown on demand: a connection takes its share of the requests, not all of them
                var lat = new long[1024];
                var vals = new long[1024];
                int[] n = {0};
                int[] m = {0};
                try {
                    while (true) {
                        Long intended = due.poll(100, TimeUnit.MILLISECONDS);
                        if (intended == null) {
                            if (done.get()) {
                                break;
                            }
                            continue;
                        }
                        if (n[0] == lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                            vals = Arrays.copyOf(vals, vals.length * 2);
                        }
                        final long[] l = lat;
                        final long[] vs = vals;
                        try {
                            long v = c.post();
                            record(l, n, vs, m, System.nanoTime() - intended, v);
                        } catch (IOException e) {
                            c.close();
                            record(l, n, vs, m, System.nanoTime() - intended, -1);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.close();
                latencies.add(Arrays.copyOf(lat, n[0]));
                counters.add(Arrays.copyOf(vals, m[0]));
            }));
        }
        long interval = 1_000_000_000L / rate;
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            due.add(intended);
        }
        done.set(true);
        for (var t : threads) {
            t.join();
        }
        report("open@" + rate, connections, System.nanoTime() - start);
    }

    static void idle(int connections, int pause) throws Exception {
        var conns = new ArrayList<Conn>();
        long start = System.nanoTime();
        long[] first = {0};
        for (int i = 0; i < connections; i++) {
            var c = new Conn();
            conns.add(c);
            try {
                first[0] += c.post() > 0 ? 1 : 0;
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
        Thread.sleep(pause * 1000L);
        long ok = 0;
        for (var c : conns) {
            try {
                ok += c.post() > 0 ? 1 : 0;
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
        conns.forEach(Conn::close);
        System.out.printf("{\"model\":\"idle\",\"connections\":%d,\"firstOk\":%d,\"afterIdleOk\":%d,\"errors\":%d,"
                + "\"seconds\":%.1f}%n", connections, first[0], ok, errors.get(), (System.nanoTime() - start) / 1e9);
    }

    static void report(String model, int connections, long nanos) {
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long[] vals = counters.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long unique = vals.length == 0 ? 0 : Arrays.stream(vals).distinct().count();
        double secs = nanos / 1e9;
        System.out.printf("{\"model\":\"%s\",\"connections\":%d,\"requests\":%d,\"ok\":%d,\"errors\":%d,"
                        + "\"seconds\":%.2f,\"throughput\":%.0f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,"
                        + "\"p999_ms\":%.2f,\"max_ms\":%.2f,\"values\":%d,\"unique\":%d,\"min\":%d,\"max\":%d}%n",
                model, connections, all.length, vals.length, errors.get(), secs, vals.length / secs,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                vals.length, unique, vals.length == 0 ? 0 : vals[0], vals.length == 0 ? 0 : vals[vals.length - 1]);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

}
