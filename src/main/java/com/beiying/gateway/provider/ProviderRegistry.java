package com.beiying.gateway.provider;

import com.beiying.gateway.config.GatewayProperties;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** One adapter per game, sharing one pooled HTTP client. */
public class ProviderRegistry {
    private final Map<Game, ProviderAdapter> adapters = new EnumMap<>(Game.class);

    /** Builds the adapters; the base URL is read per call so it may name this process's own port. */
    public ProviderRegistry(GatewayProperties properties, Environment environment, JsonMapper json) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.providers().connectTimeout())
                .build();
        for (Game game : Game.values()) {
            adapters.put(game, new SimulatorProviderAdapter(game, http,
                    () -> environment.getRequiredProperty("gateway.providers.base-url"),
                    properties.providers().readTimeout(), json));
        }
    }

    /** The adapter of a game. */
    public ProviderAdapter adapter(Game game) {
        return adapters.get(game);
    }
}
