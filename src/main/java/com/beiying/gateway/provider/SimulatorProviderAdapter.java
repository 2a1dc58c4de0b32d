package com.beiying.gateway.provider;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.ProviderDialect.Result;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter for a provider that speaks the simulator's HTTP API in its own dialect
 * ({@code docs/providers.md}). Every call goes through the provider's bulkhead and circuit
 * breaker and has a deadline; a provider that is slow or down costs the gateway at most its
 * bulkhead's worth of calls and answers BUSY at once while its circuit is open. Only outages
 * count against the circuit: business answers (insufficient balance, maintenance) do not.
 */
final class SimulatorProviderAdapter implements ProviderAdapter {
    private static final Logger log = LoggerFactory.getLogger(SimulatorProviderAdapter.class);

    private final ProviderDialect dialect;
    private final HttpClient http;
    private final Supplier<String> baseUrl;
    private final Duration readTimeout;
    private final JsonMapper json;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;
    private final MeterRegistry meters;

    /** The provider did not answer usably: unreachable, timed out, or a 5xx. */
    static final class Unavailable extends RuntimeException {
        private final boolean mayHaveApplied;

        Unavailable(String message, boolean mayHaveApplied) {
            super(message, null, false, false);
            this.mayHaveApplied = mayHaveApplied;
        }
    }

    SimulatorProviderAdapter(ProviderDialect dialect, HttpClient http, Supplier<String> baseUrl, Duration readTimeout,
                             JsonMapper json, CircuitBreaker circuit, Bulkhead bulkhead, MeterRegistry meters) {
        this.dialect = dialect;
        this.http = http;
        this.baseUrl = baseUrl;
        this.readTimeout = readTimeout;
        this.json = json;
        this.circuit = circuit;
        this.bulkhead = bulkhead;
        this.meters = meters;
    }

    @Override
    public Game game() {
        return dialect.game();
    }

    @Override
    public String accountName(long memberId) {
        return dialect.accountName(memberId);
    }

    @Override
    public void openAccount(String accountName, String currency) {
        Answer a = call("accounts", Map.of("account", accountName, "currency", currency));
        if (a.result() != Result.OK && a.result() != Result.ACCOUNT_EXISTS) {
            throw mapped(a);
        }
    }

    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("account", accountName);
        body.put("platform", options.platform());
        body.put("language", options.language());
        if (options.gameId() != null) {
            body.put("gameId", options.gameId());
        }
        Answer a = expectOk(call("launch", body));
        return new Launch(a.data().path("url").asString(), a.data().path("token").asString());
    }

    @Override
    public BigDecimal balance(String accountName) {
        Answer a = expectOk(call("balance", Map.of("account", accountName)));
        return dialect.parseAmount(a.data().path("balance").asString());
    }

    @Override
    public TransferResult transfer(String accountName, String orderId, BigDecimal amount, Direction direction) {
        Answer a;
        try {
            a = call("transfer", Map.of("account", accountName, "orderId", orderId,
                    "amount", dialect.formatAmount(amount), "direction", direction.name()));
        } catch (Unavailable e) {
            if (e.mayHaveApplied) {
                // Sent but unanswered: the money may have moved. Only a status query can tell.
                return new TransferResult(TransferState.UNKNOWN, null, null);
            }
            throw new GatewayException(Errors.PROVIDER_BUSY);
        }
        return switch (a.result()) {
            case OK -> new TransferResult(state(a.data().path("status").asString()), balanceOf(a.data()), null);
            case INSUFFICIENT_BALANCE -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            default -> throw mapped(a);
        };
    }

    @Override
    public TransferResult transferStatus(String accountName, String orderId) {
        Answer a = call("transfer-status", Map.of("account", accountName, "orderId", orderId));
        if (a.result() == Result.NO_ORDER) {
            // The provider never applied it: an order it does not know is final as failed.
            return new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
        }
        expectOk(a);
        return new TransferResult(state(a.data().path("status").asString()), balanceOf(a.data()), null);
    }

    private TransferState state(String word) {
        if (word.equals(dialect.successWord())) {
            return TransferState.SUCCESS;
        }
        if (word.equals(dialect.failedWord())) {
            return TransferState.FAILED;
        }
        if (word.equals(dialect.pendingWord())) {
            return TransferState.PENDING;
        }
        throw new GatewayException(Errors.PROVIDER_BUSY);
    }

    private BigDecimal balanceOf(JsonNode data) {
        String text = data.path("balance").asString("");
        return text.isEmpty() ? null : dialect.parseAmount(text);
    }

    private record Answer(Result result, JsonNode data) {
    }

    private Answer expectOk(Answer a) {
        if (a.result() != Result.OK) {
            throw mapped(a);
        }
        return a;
    }

    private GatewayException mapped(Answer a) {
        return new GatewayException(switch (a.result()) {
            case INSUFFICIENT_BALANCE -> Errors.INSUFFICIENT_BALANCE;
            case DUPLICATE_ORDER -> Errors.ORDER_CONFLICT;
            case NO_ORDER -> Errors.ORDER_NOT_FOUND;
            case MAINTENANCE -> Errors.GAME_MAINTENANCE;
            case NO_GAME -> Errors.GAME_NOT_FOUND;
            case SYSTEM_ERROR -> Errors.PROVIDER_BUSY;
            // A definitive refusal no other code names: the account is unknown there, the request was refused.
            default -> Errors.PROVIDER_REFUSED;
        });
    }

    /** One call through the bulkhead and the circuit, timed per operation and outcome. */
    private Answer call(String operation, Map<String, String> body) {
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
                Answer answer;
                try {
                    answer = send(operation, body);
                } catch (Unavailable e) {
                    outcome = "unavailable";
                    circuit.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    throw e;
                }
                circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                outcome = answer.result().name().toLowerCase(Locale.ROOT);
                if (answer.result() == Result.SYSTEM_ERROR) {
                    throw new GatewayException(Errors.PROVIDER_BUSY);
                }
                return answer;
            } finally {
                bulkhead.onComplete();
            }
        } catch (Unavailable e) {
            if (!operation.equals("transfer")) {
                throw new GatewayException(Errors.PROVIDER_BUSY);
            }
            throw e;
        } finally {
            Timer.builder("gateway.provider.calls").description("calls to game providers")
                    .tag("game", dialect.game().code()).tag("operation", operation).tag("outcome", outcome)
                    .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
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

    private Answer send(String operation, Map<String, String> body) {
        URI uri = URI.create(baseUrl.get() + "/" + dialect.game().code() + "/" + operation);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
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
            throw unavailable(operation, "HTTP " + response.statusCode(), response.statusCode() != 503);
        }
        try {
            JsonNode root = json.readTree(response.body());
            return new Answer(dialect.result(root.path("code").asString()), root.path("data"));
        } catch (JacksonException e) {
            throw unavailable(operation, "unreadable answer", true);
        }
    }

    private Unavailable unavailable(String operation, String why, boolean mayHaveApplied) {
        log.warn("provider {} {} unavailable: {}", dialect.game().code(), operation, why);
        return new Unavailable(why, mayHaveApplied);
    }
}
