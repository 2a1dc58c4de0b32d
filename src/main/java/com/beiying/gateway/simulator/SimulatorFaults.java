package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected through the control API, per game and operation ({@code *} for every
 * operation). Kept in memory: they describe a test's weather, not provider state.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
final class SimulatorFaults {

    /** What a fault does to a call. */
    enum Kind {
        /** Answer HTTP 500 with the provider's system-error code. */
        ERROR,
        /** Answer correctly after the given latency. */
        LATENCY,
        /** Never answer in time, and do not apply the operation. */
        TIMEOUT_BEFORE,
        /** Apply the operation, then never answer in time (the answer is lost). */
        TIMEOUT_AFTER,
        /** Answer with the provider's maintenance code. */
        MAINTENANCE,
        /** Apply, then send the answer one byte at a time with the given delay between bytes. */
        SLOW_DRIP
    }

    /** One fault; {@code remaining} below zero means until cleared. */
    record Fault(Kind kind, long millis, AtomicInteger remaining) {
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    void set(String game, String operation, Kind kind, long millis, int count) {
        faults.put(game + "/" + operation, new Fault(kind, millis, new AtomicInteger(count <= 0 ? -1 : count)));
    }

    void clear(String game) {
        if (game == null) {
            faults.clear();
        } else {
            faults.keySet().removeIf(k -> k.startsWith(game + "/"));
        }
    }

    /** The fault that applies to this call, consuming one use of a counted fault. */
    Optional<Fault> take(String game, String operation) {
        Fault fault = faults.getOrDefault(game + "/" + operation, faults.get(game + "/*"));
        if (fault == null) {
            return Optional.empty();
        }
        int left = fault.remaining().get();
        if (left == 0 || (left > 0 && fault.remaining().getAndDecrement() <= 0)) {
            return Optional.empty();
        }
        return Optional.of(fault);
    }
}
