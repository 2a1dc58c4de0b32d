package com.beiying.gateway.provider.im;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderBet;
import com.beiying.gateway.provider.ProviderContract;
import com.beiying.gateway.provider.RecordRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The IM protocol's contract, kept by IMSport and IMOne alike: MerchantCode in the JSON body,
 * signed amounts, PlayerIds with the product's separator, the bet log by LastUpdatedDate.
 */
public abstract class ImContract extends ProviderContract {

    /** The letter between prefix and member in this product's PlayerIds. */
    protected abstract String separator();

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("(?=[a-z0-9]{1,20}$)im[a-z0-9]+" + separator() + "[a-z0-9]");
    }

    @Test
    void oneMemberHasOnePlayerIdPerProduct() {
        assertThat(providers.adapter(Game.IMSPORT).accountName(42)).isNotEqualTo(providers.adapter(Game.IMONE).accountName(42));
        assertThat(adapter().accountName(99_999_999_999L)).hasSizeLessThanOrEqualTo(20);
        ProviderAdapter.TransferKey key = new ProviderAdapter.TransferKey("op-1", 77, Instant.parse("2026-03-01T15:59:59Z"));
        assertThat(ImAdapter.transactionId(key)).isEqualTo("26030123595977");
    }

    /**
     * Every state of a wager in IM's words (neither flag, IsSettled, IsCancelled, settled again
     * with a later LastUpdatedDate) reads back; a wager is found by when it changed, not when it
     * was placed, and only in the window it changed in.
     */
    @Test
    void everyStateOfAWagerReadsBackInTheWindowItChangedIn() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        RecordRules rules = adapter().recordRules();
        Instant at = placeableInstant(rules);
        Instant hourBefore = at.minus(Duration.ofHours(1));
        String open = simulator().placeBet(game().code(), account, offeredGameId(), "5.00");
        String lateSettled = simulator().placeBet(game().code(), account, offeredGameId(), "10.00", "25.00", hourBefore);
        simulator().changeBet(game().code(), lateSettled, "resettle", "0.00");
        String cancelled = simulator().placeBet(game().code(), account, offeredGameId(), "4.00");
        simulator().changeBet(game().code(), cancelled, "void", null);

        // Placed an hour ago but changed since: not in the window of its placing.
        List<ProviderBet> then = window(hourBefore.minusSeconds(30), hourBefore.plusSeconds(30), rules);
        assertThat(then).extracting(ProviderBet::providerBetId).doesNotContain(lateSettled);

        Map<String, ProviderBet> bets = window(at.minusSeconds(5), Instant.now().plusSeconds(5), rules).stream()
                .collect(Collectors.toMap(ProviderBet::providerBetId, Function.identity(), (a, b) -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(lateSettled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(lateSettled).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(lateSettled).betTime()).isEqualTo(hourBefore);
        assertThat(bets.get(cancelled).status()).isEqualTo(BetStatus.VOID);
        // 100 in, the open stake out, the resettled bet lost its 10, the void gave its 4 back.
        assertThat(adapter().balance(account)).isEqualByComparingTo("85.00");
    }
}
