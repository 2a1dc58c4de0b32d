package com.beiying.gateway.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Member wallets reconciled with their providers (docs/bets.md, "Reconciliation"): its lines and
 * how far each game's bets were collected when it ran. A worker computes it page by page (only
 * workers reach providers); the admin API joins the pages and shows them.
 */
public record Reconciliation(List<Line> lines, Map<Game, Instant> collectedTo) {

    /** Whether every wallet's provider balance is what the ledger and the collected bets say. */
    public boolean ok() {
        return lines.stream().allMatch(Line::clean);
    }

    /**
     * A wallet's place in the reconciliation's order (operator, member, game code): where the
     * next page starts.
     */
    public record Wallet(String operatorId, String userName, Game game) {
    }

    /**
     * One member wallet reconciled: what the ledger says was transferred, what its collected bets
     * did (settled win/loss, open stakes), the balance that gives, the provider's balance, and the
     * difference; or why the provider could not be asked ({@code error}, a catalog entry's name).
     */
    public record Line(String operatorId, String userName, Game game, String account, BigDecimal ledger,
                       BigDecimal settledWinLoss, BigDecimal openStakes, long bets, BigDecimal expected, BigDecimal provider,
                       String error) {
        /** Provider balance less the expected one; null when the provider was not reached. */
        public BigDecimal difference() {
            return provider == null ? null : provider.subtract(expected);
        }

        /** Whether the provider was reached and agrees. */
        public boolean clean() {
            return provider != null && difference().signum() == 0;
        }

        /** This line's place in the order. */
        public Wallet wallet() {
            return new Wallet(operatorId, userName, game);
        }
    }
}
