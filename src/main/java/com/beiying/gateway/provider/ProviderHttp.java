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
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** A provider's HTTP answer: status, headers and the body as text. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {
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
    private final HttpClient http;
    private final Duration readTimeout;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    ProviderHttp(Game game, HttpClient http, Duration readTimeout, CircuitBreaker circuit, Bulkhead bulkhead, MeterRegistry meters,
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

    /** A request to the provider with the call deadline preset. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(readTimeout);
    }

    /** A call that moves no money: when the provider does not answer, the caller gets BUSY. */
    public Answer call(String operation, HttpRequest request) {
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
    public Answer callMovingMoney(String operation, HttpRequest request) {
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
    private Answer send(String operation, HttpRequest request) {
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

    private HttpRequest traced(HttpRequest request, Span span) {
        if (tracer == Tracer.NOOP) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
        propagator.inject(span.context(), copy, HttpRequest.Builder::setHeader);
        return copy.build();
    }

    private Answer send(String operation, HttpRequest request, Span span) {
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

    private Answer exchange(String operation, HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the headers only; this deadline also covers a body that drips.
            response = pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw unavailable(operation, "no answer within " + readTimeout, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw unavailable(operation, "no answer within " + readTimeout, true);
            }
            // A connection that was never made cannot have moved money; a broken one may have.
            throw unavailable(operation, String.valueOf(cause), !(cause instanceof ConnectException));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw unavailable(operation, "interrupted", true);
        }
        if (response.statusCode() >= 500) {
            // 503 is a provider saying it took nothing; any other 5xx may come after it acted.
            throw unavailable(operation, "HTTP " + response.statusCode(), response.statusCode() != 503);
        }
        return new Answer(response.statusCode(), response.headers().map(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private Unavailable unavailable(String operation, String why, boolean mayHaveApplied) {
        log.warn("provider {} {} unavailable: {}", game.code(), operation, why);
        return new Unavailable(why, mayHaveApplied);
    }

    /** One wire per game, each with its own circuit breaker and bulkhead over a shared HTTP client. */
    public static final class Wires {
        private final Map<Game, ProviderHttp> wires = new EnumMap<>(Game.class);

        Wires(Map<Game, ProviderHttp> wires) {
            this.wires.putAll(wires);
        }

        /** The wire of a game. */
        public ProviderHttp of(Game game) {
            return wires.get(game);
        }
    }
}
