package com.beiying.gateway.provider;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter for a provider that speaks the simulator's HTTP API ({@code docs/providers.md}).
 * Account opening is idempotent at the provider, so it is safe to repeat after a crash or a
 * redelivered command; a network failure or a 5xx answers {@code BUSY}, which is retriable.
 */
final class SimulatorProviderAdapter implements ProviderAdapter {
    private static final Logger log = LoggerFactory.getLogger(SimulatorProviderAdapter.class);

    private final Game game;
    private final HttpClient http;
    private final Supplier<String> baseUrl;
    private final Duration readTimeout;
    private final JsonMapper json;

    SimulatorProviderAdapter(Game game, HttpClient http, Supplier<String> baseUrl, Duration readTimeout, JsonMapper json) {
        this.game = game;
        this.http = http;
        this.baseUrl = baseUrl;
        this.readTimeout = readTimeout;
        this.json = json;
    }

    @Override
    public Game game() {
        return game;
    }

    @Override
    public void openAccount(String accountName, String currency) {
        post("accounts", Map.of("account", accountName, "currency", currency));
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
        JsonNode answer = post("launch", body);
        return new Launch(answer.path("url").asString(), answer.path("token").asString());
    }

    private JsonNode post(String operation, Map<String, String> body) {
        URI uri = URI.create(baseUrl.get() + "/" + game.code() + "/" + operation);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("provider {} {} unreachable: {}", game.code(), operation, e.toString());
            throw new GatewayException(Errors.PROVIDER_BUSY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(Errors.PROVIDER_BUSY);
        }
        int status = response.statusCode();
        if (status == 200) {
            return json.readTree(response.body());
        }
        log.warn("provider {} {} answered HTTP {}", game.code(), operation, status);
        if (status == 503) {
            throw new GatewayException(Errors.GAME_MAINTENANCE);
        }
        throw new GatewayException(status >= 500 ? Errors.PROVIDER_BUSY : Errors.INTERNAL_ERROR);
    }
}
