package com.beiying.gateway.provider;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's wire: every call of its adapter goes through its bulkhead and circuit breaker
 * and has a deadline that covers the body too (a provider that drips its answer is as late as one
 * that never answers). A provider that is slow or down costs the gateway at most its bulkhead's
 * worth of calls and answers BUSY at once while its circuit is open. Only outages count against
 * the circuit (no answer, a broken connection, HTTP 5xx); whatever the provider answers in its own
 * protocol (insufficient balance, maintenance, a refused signature) is the adapter's to map.
 */
public final class ProviderHttp {
    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

    /** A provider's HTTP answer: status, headers by lower-case name, and the body as text. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    /**
     * A request as an adapter builds it: method, URI, headers in order, and the body (empty for a
     * GET). Immutable; {@link #header} returns a copy with one more header.
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

        /** A GET of the URI (its query already encoded). */
        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), new byte[0]);
        }

        /** A POST of a text body with its content type. */
        public static Request post(URI uri, String contentType, String body) {
            return new Request("POST", uri, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
        }

        /** This request with one more header (or the header replaced). */
        public Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, uri, Collections.unmodifiableMap(more), body);
        }
    }

    /** The provider did not answer usably; {@code mayHaveApplied} says whether the request may have acted. */
    public static final class Unavailable extends RuntimeException {
        private final boolean mayHaveApplied;

        Unavailable(String message, boolean mayHaveApplied) {
            super(message, null, false, false);
            this.mayHaveApplied = mayHaveApplied;
        }

        /** Whether the request reached the provider and may have moved money. */
        public boolean mayHaveApplied() {
            return mayHaveApplied;
        }
    }

    private final Game game;
    private final CloseableHttpClient http;
    private final Duration readTimeout;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    ProviderHttp(Game game, CloseableHttpClient http, Duration readTimeout, CircuitBreaker circuit, Bulkhead bulkhead, MeterRegistry meters,
                 Tracer tracer, Propagator propagator) {
        this.game = game;
        this.http = http;
        this.readTimeout = readTimeout;
        this.circuit = circuit;
        this.bulkhead = bulkhead;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A call that moves no money: when the provider does not answer, the caller gets BUSY. */
    public Answer call(String operation, Request request) {
        try {
            return send(operation, request);
        } catch (Unavailable e) {
            throw new GatewayException(Errors.PROVIDER_BUSY);
        }
    }

    /**
     * A call that may move money: when the provider does not answer after it may have received
     * the request, {@link Unavailable} with {@code mayHaveApplied} tells the adapter that only a
     * status query can say what happened; a request that surely never arrived is BUSY.
     */
    public Answer callMovingMoney(String operation, Request request) {
        try {
            return send(operation, request);
        } catch (Unavailable e) {
            if (e.mayHaveApplied()) {
                throw e;
            }
            throw new GatewayException(Errors.PROVIDER_BUSY);
        }
    }

    /** An answer the adapter cannot read: the provider may have acted, and must be asked again. */
    public Unavailable unreadable(String operation, String why) {
        log.warn("provider {} {} answered unreadably: {}", game.code(), operation, why);
        return new Unavailable("unreadable answer: " + why, true);
    }

    /** Whether the circuit refuses calls now (they answer BUSY at once). */
    public boolean circuitOpen() {
        CircuitBreaker.State state = circuit.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * One call in a client span of the current trace (the command's, or a collector's own), whose
     * W3C {@code traceparent} goes to the provider with the request: a provider that logs it (the
     * simulator does) shows the gateway's trace id.
     */
    private Answer send(String operation, Request request) {
        Span.Builder builder = tracer.spanBuilder().name("provider " + game.code() + " " + operation)
                .kind(Span.Kind.CLIENT).tag("game", game.code());
        Span parent = tracer.currentSpan();
        Span span = (parent == null ? builder.setNoParent() : builder.setParent(parent.context())).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send(operation, traced(request, span), span);
        } finally {
            span.end();
        }
    }

    private Request traced(Request request, Span span) {
        if (tracer == Tracer.NOOP) {
            return request;
        }
        Map<String, String> injected = new LinkedHashMap<>();
        propagator.inject(span.context(), injected, Map::put);
        Request traced = request;
        for (Map.Entry<String, String> e : injected.entrySet()) {
            traced = traced.header(e.getKey(), e.getValue());
        }
        return traced;
    }

    private Answer send(String operation, Request request, Span span) {
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            if (!acquireBulkhead()) {
                outcome = "bulkhead-full";
                throw new GatewayException(Errors.PROVIDER_BUSY);
            }
            try {
                if (!circuit.tryAcquirePermission()) {
                    outcome = "circuit-open";
                    throw new GatewayException(Errors.PROVIDER_BUSY);
                }
                try {
                    Answer answer = exchange(operation, request);
                    circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return answer;
                } catch (Unavailable e) {
                    outcome = "unavailable";
                    circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    throw e;
                }
            } finally {
                bulkhead.onComplete();
            }
        } finally {
            long took = System.nanoTime() - start;
            timer(operation, outcome).record(took, TimeUnit.NANOSECONDS);
            span.tag("outcome", outcome);
            log.debug("provider {} {} {} in {} ms", game.code(), operation, outcome, took / 1_000_000);
        }
    }

    /** Timers are made once per operation and outcome: registering one per call was a hot-path cost. */
    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation, o -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o ->
                Timer.builder("gateway.provider.calls").description("calls to game providers")
                        .tag("game", game.code()).tag("operation", operation).tag("outcome", outcome).register(meters));
    }

    /** A place in the bulkhead, waiting at most its configured wait for one to free up. */
    private boolean acquireBulkhead() {
        try {
            bulkhead.acquirePermission();
            return true;
        } catch (BulkheadFullException e) {
            return false;
        }
    }

    /**
     * The exchange on the calling thread, over the provider's pooled keep-alive connections. The
     * read timeout bounds the wait for the answer's head and each read of its body, and the body
     * must be complete within the read timeout of the call's start: a provider that drips its
     * answer is as late as one that never answers. No timer is registered per call.
     */
    private Answer exchange(String operation, Request request) {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        HttpUriRequestBase wire = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(wire::setHeader);
        if (request.body().length > 0) {
            wire.setEntity(new ByteArrayEntity(request.body(), null));
        }
        try {
            return http.execute(wire, response -> answer(operation, wire, response, deadline));
        } catch (ConnectTimeoutException | ConnectionRequestTimeoutException | ConnectException e) {
            // A connection that was never made (or never leased from the pool) cannot have moved money.
            throw unavailable(operation, String.valueOf(e), false);
        } catch (SocketTimeoutException e) {
            throw unavailable(operation, "no answer within " + readTimeout, true);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw unavailable(operation, "interrupted", true);
        } catch (IOException e) {
            // A broken connection after the request left may come after the provider acted.
            throw unavailable(operation, String.valueOf(e), true);
        }
    }

    private Answer answer(String operation, HttpUriRequestBase wire, ClassicHttpResponse response, long deadline)
            throws IOException {
        if (response.getCode() >= 500) {
            // 503 is a provider saying it took nothing; any other 5xx may come after it acted.
            throw unavailable(operation, "HTTP " + response.getCode(), response.getCode() != 503);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>(1)).add(h.getValue());
        }
        return new Answer(response.getCode(), headers, new String(body(wire, response.getEntity(), deadline),
                StandardCharsets.UTF_8));
    }

    /**
     * The whole body, or a timeout once the call's deadline passes between two reads. A late body
     * drops its connection first: closing the stream would read the rest of it to keep the
     * connection, as long as the provider takes to drip it.
     */
    private byte[] body(HttpUriRequestBase wire, HttpEntity entity, long deadline) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(entity.getContentLength() > 0
                    ? (int) Math.min(entity.getContentLength(), 1 << 20) : 512);
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                out.write(chunk, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    wire.cancel();
                    throw new SocketTimeoutException("body not complete within " + readTimeout);
                }
            }
            return out.toByteArray();
        }
    }

    private Unavailable unavailable(String operation, String why, boolean mayHaveApplied) {
        log.warn("provider {} {} unavailable: {}", game.code(), operation, why);
        return new Unavailable(why, mayHaveApplied);
    }

    /** One wire per game, each with its own circuit breaker, bulkhead and pool of connections. */
    public static final class Wires implements AutoCloseable {
        private final Map<Game, ProviderHttp> wires = new EnumMap<>(Game.class);

        Wires(Map<Game, ProviderHttp> wires) {
            this.wires.putAll(wires);
        }

        /** Closes every provider's connections (at shutdown). */
        @Override
        public void close() {
            wires.values().forEach(w -> w.http.close(CloseMode.GRACEFUL));
        }

        /** The wire of a game. */
        public ProviderHttp of(Game game) {
            return wires.get(game);
        }
    }
}
