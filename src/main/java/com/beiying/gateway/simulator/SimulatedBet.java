package com.beiying.gateway.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A bet as the simulated providers keep it, before each renders it in its own record format:
 * {@code payout} includes the stake (0 while open or void), times are instants.
 */
public record SimulatedBet(String game, String betId, String account, String gameId, String roundId, String currency,
                           BigDecimal stake, BigDecimal validBet, BigDecimal payout, Status status, Instant betTime,
                           Instant settledAt, Instant updatedAt) {

    /** Where a bet stands. */
    public enum Status { OPEN, SETTLED, VOID, RESETTLED }

    /** The member's win or loss: payout less stake once settled, nothing while open or void. */
    public BigDecimal winLoss() {
        return status == Status.SETTLED || status == Status.RESETTLED ? payout.subtract(stake) : BigDecimal.ZERO.setScale(2);
    }

    SimulatedBet changed(BigDecimal newPayout, Status newStatus, Instant newSettledAt, Instant at) {
        return new SimulatedBet(game, betId, account, gameId, roundId, currency, stake, validBet, newPayout, newStatus,
                betTime, newSettledAt, at);
    }
}
