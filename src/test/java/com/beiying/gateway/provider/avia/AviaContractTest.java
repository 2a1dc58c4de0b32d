package com.beiying.gateway.provider.avia;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderBet;
import com.beiying.gateway.provider.ProviderContract;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import com.beiying.gateway.provider.RecordRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** AVIA's contract: the raw key in Authorization, form posts, CateIDs, IDs of 32 at most, paged orders in Beijing time. */
class AviaContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.AVIA;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        return new AviaAdapter(new AviaAdapter.Settings(simulatorUrl() + "/AVIA", "not-the-secret-key"), endpoints, wires, json);
    }

    @Override
    protected String offeredGameId() {
        return "1";
    }

    @Override
    protected String unknownGameId() {
        return "999";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[A-Za-z0-9_]{2,30}");
    }

    @Test
    void transferIdsFitAviasRule() {
        ProviderAdapter.TransferKey key = new ProviderAdapter.TransferKey("op-" + "x".repeat(80), Long.MAX_VALUE,
                Instant.parse("2026-12-31T16:30:00Z"));
        assertThat(AviaAdapter.transferId(key)).matches("[A-Za-z0-9_]{1,32}").startsWith("270101003000");
    }

    /** Every state of a bet in AVIA's words (None, Win/Lose, Cancel, Revoke, ReSettlement) reads back as it is. */
    @Test
    void everyStateOfABetReadsBack() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        RecordRules rules = adapter().recordRules();
        Instant at = placeableInstant(rules);
        String open = simulator().placeBet(game().code(), account, offeredGameId(), "5.00");
        String lost = simulator().placeBet(game().code(), account, "2", "10.00", "0.00", at);
        String cancelled = simulator().placeBet(game().code(), account, "3", "4.00");
        simulator().changeBet(game().code(), cancelled, "void", null);
        String revoked = simulator().placeBet(game().code(), account, "3", "6.00", "9.00", at);
        simulator().changeBet(game().code(), revoked, "void", null);
        String resettled = simulator().placeBet(game().code(), account, "4", "7.00", "14.00", at);
        simulator().changeBet(game().code(), resettled, "resettle", "3.50");

        Instant now = Instant.now();
        Map<String, ProviderBet> bets = window(at.minusSeconds(5), now.plusSeconds(5), rules).stream()
                .collect(Collectors.toMap(ProviderBet::providerBetId, Function.identity(), (a, b) -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(lost).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(lost).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(lost).gameId()).isEqualTo("2");
        assertThat(bets.get(cancelled).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(revoked).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(resettled).status()).isEqualTo(BetStatus.RESETTLED);
        assertThat(bets.get(resettled).payout()).isEqualByComparingTo("3.50");
        assertThat(bets.get(resettled).settledAt()).isNotNull();
        List<ProviderBet> none = adapter().betRecords(at.minusSeconds(3600 * 3), at.minusSeconds(3600 * 2));
        assertThat(none).noneMatch(b -> b.account().equals(account));
    }
}
