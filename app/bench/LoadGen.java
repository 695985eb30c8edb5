// A small load generator for the counter service, run as a single-file program (java LoadGen.java ...).
// HTTP/1.1 keep-alive; closed model: plain sockets, one virtual thread per connection; open model: two platform
// threads over non-blocking channels (see open()), so the generator itself stays cheap on a 2-core machine.
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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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

    /**
     * The open model, built so that the generator takes as little of the shared CPU as it can and never delays a
     * request it could send: one scheduler thread (this one) parks until each request is due and writes it on a
     * free keep-alive connection; one receiver thread waits in a selector for every connection's answers, records
     * each latency from its due time and, when a connection comes free while requests are overdue, sends the next
     * one itself. Two platform threads and non-blocking channels: a request costs one write and one read, with no
     * hand-off between threads and no thread per connection (the earlier version, a virtual thread per connection
     * fed by a queue, cost about 3x the CPU per request and queued behind its own hand-offs at 12k req/s).
     */
    static void open(int rate, int seconds, int connections) throws Exception {
        var gen = new OpenGen(rate, seconds, connections);
        gen.run();
        synchronized (gen.lat) {
            latencies.add(Arrays.copyOf(gen.lat, gen.done));
            counters.add(Arrays.copyOf(gen.vals, gen.ok));
        }
        report("open@" + rate, connections, System.nanoTime() - gen.start);
    }

    static final class OpenGen {
        final long total;
        final long interval;
        final long start;
        final long[] lat;
        final long[] vals;
        int done;
        int ok;
        final Selector selector;
        final ConcurrentLinkedDeque<Chan> free = new ConcurrentLinkedDeque<>();
        /** The index of the next request to send; each index is sent once, by whichever thread claims it. */
        final AtomicLong next = new AtomicLong();
        final InetSocketAddress address;

        OpenGen(int rate, int seconds, int connections) throws IOException {
            total = (long) rate * seconds;
            interval = 1_000_000_000L / rate;
            lat = new long[(int) total];
            vals = new long[(int) total];
            selector = Selector.open();
            address = new InetSocketAddress(host, port);
            for (int i = 0; i < connections; i++) {
                free.add(connectOrLater());
            }
            start = System.nanoTime() + 50_000_000L;
        }

        Chan connect() throws IOException {
            var ch = SocketChannel.open(address);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            var c = new Chan(ch);
            // since JDK 11 register() does not wait for a select() in progress: it takes effect at the next one,
            // so the receiver is woken after it (woken before, it could select again without the channel)
            ch.register(selector, SelectionKey.OP_READ, c);
            selector.wakeup();
            return c;
        }

        /** A new connection, or a placeholder that connects when it is used if the service does not accept one. */
        Chan connectOrLater() {
            try {
                return connect();
            } catch (IOException e) {
                return new Chan(null);
            }
        }

        /** Sends every overdue request that has a free connection; safe from both threads. */
        void sendDue(long now) {
            long due = Math.min(total, Math.floorDiv(now - start, interval) + 1);
            while (true) {
                long i = next.get();
                if (i >= due) {
                    return;
                }
                Chan c = free.pollFirst();
                if (c == null) {
                    return;
                }
                if (c.dead.get()) {
                    continue; // retired by the receiver after it was freed; its replacement is already free
                }
                if (!next.compareAndSet(i, i + 1)) {
                    free.addFirst(c);
                    continue;
                }
                c.intended = start + i * interval;
                c.busy.set(true);
                try {
                    if (c.ch == null) {
                        var fresh = connect();
                        fresh.intended = c.intended;
                        fresh.busy.set(true);
                        c.busy.set(false); // the placeholder is dropped; the request is on the new connection
                        c = fresh;
                    }
                    c.send();
                } catch (IOException e) {
                    fail(c);
                }
            }
        }

        /**
         * A connection failed (its write, its read, or an answer that cannot be parsed): the request on it, if any,
         * is counted as an error once (by whichever thread clears {@code busy}), and the connection is retired once
         * and replaced: by a new one now, or, if the service does not accept one, by a placeholder that connects
         * when it is next used (as the closed model does).
         */
        void fail(Chan c) {
            if (c.busy.compareAndSet(true, false)) {
                synchronized (lat) {
                    if (done < total) {
                        lat[done++] = System.nanoTime() - c.intended;
                        errors.incrementAndGet();
                    }
                }
            }
            if (c.dead.compareAndSet(false, true)) {
                c.close();
                free.remove(c);
                free.addLast(connectOrLater());
            }
        }

        void run() throws Exception {
            var receiver = new Thread(this::receive, "receiver");
            receiver.setDaemon(true);
            receiver.start();
            for (long i = 0; i < total; i++) {
                long intended = start + i * interval;
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (next.get() <= i) {
                    sendDue(System.nanoTime());
                }
            }
            long wait = Long.getLong("answerWait", 30);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
            while (true) {
                synchronized (lat) {
                    if (done >= total) {
                        break;
                    }
                }
                boolean receiverStopped = !receiver.isAlive();
                if (receiverStopped) {
                    System.err.println("the receiver thread stopped: " + receiverDied);
                }
                if (receiverStopped || System.nanoTime() - deadline > 0) {
                    // counted as errors, as the closed model's 30 s read timeout does; said on stderr with what
                    // each waiting connection has read, so that a lost request is visible, not a short run
                    synchronized (lat) {
                        System.err.println("no answer " + wait + " s after the last request was due: " + (total - done)
                                + " requests counted as errors (sent " + next.get() + " of " + total + ")");
                        for (var k : selector.keys()) {
                            var c = (Chan) k.attachment();
                            if (k.isValid() && !free.contains(c)) {
                                System.err.println("  waiting: " + c.ch + ", " + c.in.position() + " bytes of an "
                                        + "answer read, due at " + (c.intended - start) / 1e6 + " ms");
                            }
                        }
                        // each waited at least since the last request was due
                        long waited = System.nanoTime() - (start + (total - 1) * interval);
                        errors.addAndGet(total - done);
                        Arrays.fill(lat, done, (int) total, waited);
                        done = (int) total;
                    }
                    break;
                }
                Thread.sleep(5);
            }
        }

        volatile Throwable receiverDied;

        void receive() {
            try {
                while (true) {
                    selector.select();
                    long now = System.nanoTime();
                    for (var key : selector.selectedKeys()) {
                        var c = (Chan) key.attachment();
                        long v;
                        try {
                            v = c.read();
                        } catch (IOException | RuntimeException e) {
                            // closed or reset (also an idle connection the service closed), or an answer that is
                            // not what this generator reads: the connection is retired either way
                            key.cancel();
                            fail(c);
                            continue;
                        }
                        if (v == 0) {
                            continue;
                        }
                        if (!c.busy.compareAndSet(true, false)) {
                            continue; // its request was already counted (as an error)
                        }
                        synchronized (lat) {
                            if (done == total) {
                                continue; // an answer after the run was closed: already counted as an error
                            }
                            lat[done++] = now - c.intended;
                            if (v > 0) {
                                vals[ok++] = v;
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                        free.addFirst(c);
                    }
                    selector.selectedKeys().clear();
                    sendDue(System.nanoTime());
                }
            } catch (IOException | RuntimeException | Error e) {
                receiverDied = e; // the main thread stops waiting and counts what is unanswered as errors
            }
        }
    }

    /** One non-blocking keep-alive connection of the open model and its partly read answer. */
    static final class Chan {
        /** Null for a placeholder whose connection failed: connected when it is next used. */
        final SocketChannel ch;
        final ByteBuffer in = ByteBuffer.allocate(8192);
        /** When the request in flight was due; set before it is written, read when its answer arrives. */
        volatile long intended;
        /** A request was written and its answer is not complete yet; cleared once, by its answer or its failure. */
        final AtomicBoolean busy = new AtomicBoolean();
        /** Retired after a failure (closed and replaced once). */
        final AtomicBoolean dead = new AtomicBoolean();

        Chan(SocketChannel ch) {
            this.ch = ch;
        }

        /**
         * Writes one request. A fresh view of the request bytes each time: the answer can arrive, and the receiver
         * send the next request on this connection, before this write has returned, so nothing may be shared.
         */
        void send() throws IOException {
            var out = ByteBuffer.wrap(REQUEST);
            while (out.hasRemaining()) {
                if (ch.write(out) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        void close() {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private long incomplete() throws IOException {
            if (!in.hasRemaining()) {
                throw new IOException("an answer larger than " + in.capacity() + " bytes");
            }
            return 0;
        }

        /** Reads what arrived: the counter value of a complete answer, -status for a non-200, 0 if incomplete. */
        long read() throws IOException {
            if (ch.read(in) < 0) {
                throw new IOException("connection closed");
            }
            byte[] a = in.array();
            int n = in.position();
            int head = -1;
            for (int i = 3; i < n; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    head = i + 1;
                    break;
                }
            }
            if (head < 0) {
                return incomplete();
            }
            String headers = new String(a, 0, head, StandardCharsets.US_ASCII);
            int cl = headers.toLowerCase(Locale.ROOT).indexOf("content-length:");
            if (cl < 0) {
                throw new IOException("an answer without Content-Length");
            }
            int eol = headers.indexOf('\r', cl);
            int length = Integer.parseInt(headers.substring(cl + 15, eol).trim());
            if (n < head + length) {
                return incomplete();
            }
            int code = Integer.parseInt(headers.substring(9, 12));
            String body = new String(a, head, length, StandardCharsets.US_ASCII);
            // one answer per request on a connection: anything after it would be a protocol error
            in.clear();
            if (code != 200) {
                return -code;
            }
            int i = body.indexOf("\"counter\":") + 10;
            int j = i;
            while (Character.isDigit(body.charAt(j))) {
                j++;
            }
            return Long.parseLong(body.substring(i, j));
        }
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
