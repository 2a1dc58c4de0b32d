package com.beiying.gateway.domain;

/** A bet's state as the API shows it ({@code Status} of a bet record). */
public enum BetStatus {
    /** Placed, not yet settled: its stake is out of the member's balance. */
    OPEN("Open"),
    /** Settled: its payout (stake included) was paid. */
    SETTLED("Settled"),
    /** Void: stake given back, counts zero. */
    VOID("Void"),
    /** Settled again after a correction: its newest payout holds. */
    RESETTLED("Resettled");

    private final String word;

    BetStatus(String word) {
        this.word = word;
    }

    /** The word of the API's {@code Status} field. */
    public String word() {
        return word;
    }
}
