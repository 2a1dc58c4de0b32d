package com.beiying.gateway.simulator;

import java.util.List;
import java.util.function.Supplier;

/**
 * One simulated provider's protocol (a component in {@code simulator.<game>}): it authenticates a
 * request the way that provider does, says which operation it is (so faults can be injected per
 * operation: {@code accounts}, {@code launch}, {@code balance}, {@code transfer},
 * {@code transfer-status}, {@code bets}), and renders the {@link SimulatorBank}'s answers in the
 * provider's own format, including its maintenance and system-error answers.
 */
public interface ProviderSide {

    /** The game code this side plays, as in its base path ({@code /simulator/v1/<game>}). */
    String game();

    /** Game ids (tables, kinds, sports) members of this provider play when the simulator plays for them. */
    default List<String> playedGames() {
        return List.of("1");
    }

    /** Routes one request. */
    Call route(SimRequest request);

    /** A routed request: answered at once (refused), or an operation to apply under any injected fault. */
    record Call(String operation, Supplier<SimResponse> apply, SimResponse maintenance, SimResponse systemError, SimResponse refused) {

        /** An operation: what applying it answers, and what this provider answers in maintenance and on a system error. */
        public static Call of(String operation, Supplier<SimResponse> apply, SimResponse maintenance, SimResponse systemError) {
            return new Call(operation, apply, maintenance, systemError, null);
        }

        /** A refusal answered at once (bad signature, unknown path): no fault applies to what never ran. */
        public static Call refused(SimResponse answer) {
            return new Call(null, null, null, null, answer);
        }
    }
}
