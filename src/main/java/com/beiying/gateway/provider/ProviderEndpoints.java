package com.beiying.gateway.provider;

import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.domain.Game;
import java.util.function.Supplier;

/**
 * Where an adapter sends its calls and with which credentials. A provider whose base URL is not
 * configured is the bundled simulator (at {@code gateway.providers.base-url}), with the
 * simulator's derived credentials; a provider whose base URL is configured is real, and each of
 * its credentials must be configured too, or the gateway refuses to start rather than sign with
 * something the provider would reject. Credentials are never logged.
 */
public final class ProviderEndpoints {
    private final Supplier<String> simulatorBase;
    private final SimulatorCredentials simulated;

    ProviderEndpoints(Supplier<String> simulatorBase, SimulatorCredentials simulated) {
        this.simulatorBase = simulatorBase;
        this.simulated = simulated;
    }

    /** Whether this provider is the simulator (no base URL configured). */
    public boolean simulated(String configuredBaseUrl) {
        return configuredBaseUrl == null || configuredBaseUrl.isBlank();
    }

    /**
     * The provider's base URL: the configured one, else the simulator's path for the game. Read at
     * the first call and kept, since the simulator's may name this process's own port, known only
     * once the web server listens.
     */
    public Supplier<String> baseUrl(Game game, String configuredBaseUrl) {
        if (!simulated(configuredBaseUrl)) {
            String url = strip(configuredBaseUrl);
            return () -> url;
        }
        return new Supplier<>() {
            private volatile String resolved;

            @Override
            public String get() {
                String url = resolved;
                if (url == null) {
                    url = strip(simulatorBase.get()) + "/" + game.code();
                    resolved = url;
                }
                return url;
            }
        };
    }

    /**
     * A credential: the configured value, else, for the simulator only, the simulator's.
     *
     * @param variable the environment variable that configures it, named in the start-up error
     * @throws IllegalStateException when a real provider's credential is missing
     */
    public String credential(Game game, String configuredBaseUrl, String name, String configured, int simulatedLength,
                             String variable) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (!simulated(configuredBaseUrl)) {
            throw new IllegalStateException(game.code() + " has a base URL but no " + name + ": set " + variable);
        }
        return simulated.of(game.code(), name, simulatedLength);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
