package dev.strata.counter;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hot route, {@code POST /api/counter} without a body, served by a plain Jetty handler in front of Javalin, without
 * blocking a thread: the handler queues the request and returns; once its batch is committed, the answer is written
 * (non-blocking) on the selector thread of its connection. No thread waits per request, no servlet layer, no
 * per-request route matching. The answer is the same as the Javalin route's: the JSON, {@code X-Request-Id},
 * {@code Cache-Control: no-store}, 503 with {@code Retry-After} when nothing was counted, metrics and the access log
 * through {@link Routes}.
 *
 * <p>Every other request (a body to validate, another route or method, a malformed {@code Idempotency-Key}, the web
 * role) goes to Javalin's routes on a virtual thread, unchanged. Because this handler never blocks, Jetty calls it on
 * its selector threads ({@link InvocationType#NON_BLOCKING}); blocking work always goes to virtual threads.
 */
final class CounterHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(CounterHandler.class);
    static final String PATH = "/api/counter";
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final HttpField RETRY = new PreEncodedHttpField(HttpHeader.RETRY_AFTER, "1");

    private final CounterService service;
    private final Routes routes;
    private final Executor blocking;
    private final Metrics metrics;
    private final boolean counts;
    private volatile List<ManagedSelector> selectors;
    private final LongAdder onSelectors = new LongAdder();
    private final LongAdder onWriter = new LongAdder();

    /**
     * @param blocking runs what may block: Javalin's routes and naive mode's transaction (virtual threads)
     */
    CounterHandler(AppConfig cfg, CounterService service, Routes routes, Metrics metrics, Executor blocking) {
        this.service = service;
        this.routes = routes;
        this.metrics = metrics;
        this.blocking = blocking;
        this.counts = cfg.role() != AppConfig.Role.WEB;
    }

    Executor blocking() {
        return blocking;
    }

    /** Answers of committed batches handed to their connection's selector thread to be written. */
    long answeredOnSelectors() {
        return onSelectors.sum();
    }

    /** Answers the writer wrote itself (nothing else was queued behind their batch). */
    long answeredByWriter() {
        return onWriter.sum();
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String key = request.getHeaders().get("Idempotency-Key");
        if (!counts || !HttpMethod.POST.is(request.getMethod()) || !PATH.equals(request.getHttpURI().getPath())
                || !noBody(request) || key != null && !Routes.IDEMPOTENCY_KEY.matcher(key).matches()) {
            blocking.execute(() -> javalin(request, response, callback));
            return true;
        }
        long start = System.nanoTime();
        String id = routes.begin(request.getHeaders().get("X-Request-Id"));
        response.getHeaders().put("X-Request-Id", id);
        var handling = Thread.currentThread();
        var inCall = new boolean[]{true}; // read only on this thread (checked together with the thread)
        var connection = request.getConnectionMetaData().getConnection();
        var loop = selectorOf(request, connection);
        try {
            service.increment(Optional.ofNullable(key), blocking, outcome -> {
                var thread = Thread.currentThread();
                if (thread == handling && inCall[0]) {
                    // settled at once (no database, refused), inside this call
                    answer(outcome, key, id, start, response, callback);
                } else if (service.onWriterThread()) {
                    // by the writer itself, as nothing else was queued: written now, without a hop through the
                    // selector, and the connection resumed here too
                    onWriter.increment();
                    ServerPool.runResuming(connection, () -> answer(outcome, key, id, start, response, callback),
                            CounterHandler::answerFailed);
                } else if (!thread.isVirtual()) {
                    // another platform thread (the stop sequence withdrawing queued requests): written now
                    answer(outcome, key, id, start, response, callback);
                } else {
                    onSelectors.increment();
                    loop.execute(() -> answer(outcome, key, id, start, response, callback));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("unhandled error on POST {}", PATH, e);
            if (!response.isCommitted()) { // not answered already
                finish(500, Routes.errorBody(500, "internal error").getBytes(StandardCharsets.UTF_8), null, null, id,
                        start, response, callback);
            }
        } finally {
            inCall[0] = false;
        }
        return true;
    }

    /**
     * Runs a task on the selector thread of the request's connection: the answers of a committed batch are written
     * there, as Netty writes on a channel's event loop. Written from another thread, every answer's re-arming of the
     * connection for its next request woke the sleeping selector (about 1.5 context switches per request, measured);
     * a batch's answers submitted together wake each selector about once. The connection then reads its next request
     * on that selector too, not on a pool thread woken for it ({@link ServerPool}).
     */
    private Executor selectorOf(Request request, Connection connection) {
        var meta = request.getConnectionMetaData();
        if (connection.getEndPoint() instanceof SelectableChannelEndPoint endPoint
                && meta.getConnector() instanceof ServerConnector connector) {
            var found = selectors;
            if (found == null) {
                found = List.copyOf(connector.getSelectorManager().getBeans(ManagedSelector.class));
                selectors = found;
            }
            for (var selector : found) {
                var nio = selector.getSelector();
                if (nio != null && endPoint.getChannel().keyFor(nio) != null) {
                    return task -> selector.submit(ignored -> ServerPool.runResuming(connection, task,
                            CounterHandler::answerFailed));
                }
            }
        }
        return task -> ServerPool.run(task, CounterHandler::answerFailed);
    }

    private static void answerFailed(Throwable t) {
        LOG.error("unhandled error writing an answer", t);
    }

    /** No body: {@code Content-Length: 0}, or neither a length nor chunked encoding. */
    private static boolean noBody(Request request) {
        long length = request.getLength();
        return length == 0 || length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private void javalin(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            Response.writeError(request, response, callback, t);
        }
    }

    private void answer(CounterService.Outcome outcome, String key, String id, long start, Response response,
                        Callback callback) {
        if (outcome.value().isPresent()) {
            var v = outcome.value().get();
            finish(200, Routes.answer(v), v, key == null ? null : v.replay() ? "replay" : "new", id, start, response,
                    callback);
        } else {
            response.getHeaders().put(RETRY);
            finish(503, Routes.errorBody(503, Routes.refusal(outcome, key)).getBytes(StandardCharsets.UTF_8), null,
                    null, id, start, response, callback);
        }
    }

    /**
     * Writes the answer; a client that is gone is noticed here: a committed value it did not get is counted undelivered.
     */
    private void finish(int status, byte[] body, CounterValue v, String idempotency, String id, long start,
                        Response response, Callback callback) {
        response.setStatus(status);
        var headers = response.getHeaders();
        headers.put(JSON);
        headers.put(NO_STORE);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        // recorded before the write, so the line exists by the time the client has its answer
        routes.record(PATH, "POST", status, System.nanoTime() - start, id, idempotency);
        response.write(true, ByteBuffer.wrap(body), Callback.from(() -> {
            routes.finished();
            callback.succeeded();
        }, failure -> {
            if (v != null && !v.replay()) {
                metrics.undelivered();
                LOG.warn("committed counter value {} was not delivered (request {}): the client is gone ({})",
                        v.counter(), id, failure.getMessage());
            }
            routes.finished();
            callback.failed(failure);
        }));
    }
}
