package com.beiying.gateway.provider;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Game;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * One adapter per game, each with its own circuit breaker and bulkhead so that one provider's
 * trouble stays its own; they share one pooled HTTP client.
 */
public class ProviderRegistry {
    static {
        // The JDK client keeps idle connections 20 minutes by default, servers far less; reusing one
        // the server has just closed fails the call ("header parser received no bytes"), which for a
        // transfer means an unknown outcome. Read once per JVM, before the first client exists.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
    }

    private final Map<Game, ProviderAdapter> adapters = new EnumMap<>(Game.class);
    private final Map<Game, CircuitBreaker> circuits = new EnumMap<>(Game.class);

    /**
     * Builds the adapters. The base URL may name this process's own port, known only once the web
     * server listens, so it is resolved at the first call and kept: a property lookup per call cost
     * more than the rest of the adapter.
     */
    public ProviderRegistry(GatewayProperties properties, Environment environment, JsonMapper json, MeterRegistry meters) {
        GatewayProperties.Providers p = properties.providers();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(p.connectTimeout())
                .build();
        CircuitBreakerConfig circuitConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(p.slowCallThreshold())
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(p.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(p.maxConcurrentCalls())
                .maxWaitDuration(p.bulkheadWait())
                .build();
        Supplier<String> baseUrl = new Supplier<>() {
            private volatile String resolved;

            @Override
            public String get() {
                String url = resolved;
                if (url == null) {
                    url = environment.getRequiredProperty("gateway.providers.base-url");
                    resolved = url;
                }
                return url;
            }
        };
        for (Game game : Game.values()) {
            CircuitBreaker circuit = CircuitBreaker.of("provider-" + game.code(), circuitConfig);
            circuits.put(game, circuit);
            adapters.put(game, new SimulatorProviderAdapter(ProviderDialect.ALL.get(game), http,
                    baseUrl, p.readTimeout(), json,
                    circuit, Bulkhead.of("provider-" + game.code(), bulkheadConfig), meters));
        }
    }

    /** The adapter of a game. */
    public ProviderAdapter adapter(Game game) {
        return adapters.get(game);
    }

    /** Whether the game's circuit currently refuses calls (its calls answer BUSY at once). */
    public boolean circuitOpen(Game game) {
        CircuitBreaker.State state = circuits.get(game).getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }
}
