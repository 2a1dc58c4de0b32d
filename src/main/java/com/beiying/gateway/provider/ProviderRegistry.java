package com.beiying.gateway.provider;

import com.beiying.gateway.domain.Game;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adapter of every game, one class per provider (found by component scanning in
 * {@code provider.<game>}), each with its own wire: one provider's trouble stays its own.
 */
public class ProviderRegistry {
    private final Map<Game, ProviderAdapter> adapters = new EnumMap<>(Game.class);
    private final ProviderHttp.Wires wires;

    /** Indexes the adapters; two adapters of one game are a wiring error. */
    ProviderRegistry(List<ProviderAdapter> adapters, ProviderHttp.Wires wires) {
        this.wires = wires;
        for (ProviderAdapter adapter : adapters) {
            if (this.adapters.put(adapter.game(), adapter) != null) {
                throw new IllegalStateException("two adapters for " + adapter.game());
            }
        }
    }

    /** The adapter of a game. */
    public ProviderAdapter adapter(Game game) {
        ProviderAdapter adapter = adapters.get(game);
        if (adapter == null) {
            throw new IllegalStateException("no adapter for " + game.code());
        }
        return adapter;
    }

    /** The games that have an adapter. */
    public Set<Game> games() {
        return Collections.unmodifiableSet(adapters.keySet());
    }

    /** Whether the game's circuit currently refuses calls (its calls answer BUSY at once). */
    public boolean circuitOpen(Game game) {
        return wires.of(game).circuitOpen();
    }
}
