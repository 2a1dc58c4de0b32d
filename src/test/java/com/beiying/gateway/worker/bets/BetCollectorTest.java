package com.beiying.gateway.worker.bets;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.provider.ProviderBet;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a provider's bet becomes the gateway's record, whatever the provider's own words were. */
class BetCollectorTest {
    private static final Instant PLACED = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant SETTLED = Instant.parse("2026-12-02T10:05:00Z");

    private static ProviderBet bet(BetStatus status, String payout, Instant settledAt, Instant updatedAt) {
        return new ProviderBet("9001", "acc", "620", "r1", "CNY", new BigDecimal("10.5"), new BigDecimal("10.50"),
                payout == null ? null : new BigDecimal(payout), status, PLACED, settledAt, updatedAt);
    }

    @Test
    void anOpenBetHasPaidNothingAndHasNoSettleTime() {
        BetStore.Observed o = BetCollector.observed(bet(BetStatus.OPEN, "99.00", SETTLED, null));
        assertThat(o.payout()).isEqualTo("0.00");
        assertThat(o.settledAt()).isNull();
        assertThat(o.providerUpdatedAt()).isEqualTo(PLACED);
        assertThat(o.betAmount()).isEqualTo("10.50");
    }

    @Test
    void aVoidBetGaveItsStakeBackAndCountsNoTurnover() {
        BetStore.Observed o = BetCollector.observed(bet(BetStatus.VOID, "0", SETTLED, null));
        assertThat(o.payout()).isEqualTo("10.50");
        assertThat(o.validBet()).isEqualTo("0.00");
        assertThat(o.providerUpdatedAt()).isEqualTo(SETTLED);
    }

    @Test
    void aVoidBetWithoutASettleTimeWasSettledWhenVoided() {
        Instant voided = SETTLED.plusSeconds(5);
        assertThat(BetCollector.observed(bet(BetStatus.VOID, null, null, voided)).settledAt()).isEqualTo(voided);
    }

    @Test
    void aSettledBetKeepsItsPayoutToTheCentAndItsOwnChangeTime() {
        Instant changed = SETTLED.plusSeconds(30);
        BetStore.Observed o = BetCollector.observed(bet(BetStatus.RESETTLED, "25.1", SETTLED, changed));
        assertThat(o.payout()).isEqualTo("25.10");
        assertThat(o.settledAt()).isEqualTo(SETTLED);
        assertThat(o.providerUpdatedAt()).isEqualTo(changed);
    }
}
