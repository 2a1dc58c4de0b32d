package com.beiying.gateway.provider.xj188;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderBet;
import com.beiying.gateway.provider.ProviderContract;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** XJ188's contract: operatorId and vendorId in every form, 188's codes, sports as games, wagers placed and settled in GMT-4. */
class Xj188ContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.XJ188;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        String url = simulatorUrl() + "/XJ188";
        return new Xj188Adapter(new Xj188Adapter.Settings(url, "nobody", "not-the-vendor-id", null, null), endpoints, wires, json);
    }

    @Override
    protected String offeredGameId() {
        return "Soccer";
    }

    @Override
    protected String unknownGameId() {
        return "Curling";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[a-z0-9]{1,20}");
    }

    @Test
    void anAccountInAnotherCurrencyThanTheLinesIsRefused() {
        String account = adapter().accountName(memberId());
        assertThatThrownBy(() -> adapter().openAccount(account, "USD")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error()).isEqualTo(Errors.CURRENCY_MISMATCH));
    }

    @Test
    void recordsShowEveryStateInWagerStatuses() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String open = simulator().placeBet(game().code(), account, "Soccer", "5.00");
        String settled = simulator().placeBet(game().code(), account, "Tennis", "10.00");
        simulator().changeBet(game().code(), settled, "settle", "19.50");
        String voided = simulator().placeBet(game().code(), account, "Soccer", "7.00");
        simulator().changeBet(game().code(), voided, "void", null);
        String resettled = simulator().placeBet(game().code(), account, "Basketball", "8.00");
        simulator().changeBet(game().code(), resettled, "settle", "16.00");
        simulator().changeBet(game().code(), resettled, "resettle", "4.00");

        Map<String, ProviderBet> bets = adapter().betRecords(from, Instant.now().plusSeconds(1)).stream()
                .filter(b -> b.account().equals(account)).collect(Collectors.toMap(ProviderBet::providerBetId, b -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(settled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(settled).payout()).isEqualByComparingTo("19.50");
        assertThat(bets.get(settled).gameId()).isEqualTo("Tennis");
        assertThat(bets.get(voided).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(voided).payout()).isEqualByComparingTo("0");
        // 188 marks no resettlement: the wager is settled again, with its newest return and settle time.
        assertThat(bets.get(resettled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(resettled).payout()).isEqualByComparingTo("4.00");
        assertThat(adapter().balance(account)).isEqualByComparingTo("100.50");
    }

    @Test
    void aWagerSettledLongAfterItWasPlacedIsFoundInTheWindowOfItsSettlement() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("20.00"), Direction.IN);
        Instant placed = placeableInstant(adapter().recordRules()).minus(Duration.ofHours(3));
        String betId = simulator().placeBet(game().code(), account, "Soccer", "10.00", "25.00", placed);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        simulator().changeBet(game().code(), betId, "resettle", "12.00");
        assertThat(adapter().betRecords(from, Instant.now().plusSeconds(1)).stream().filter(b -> b.providerBetId().equals(betId)))
                .singleElement().satisfies(b -> {
                    assertThat(b.payout()).isEqualByComparingTo("12.00");
                    assertThat(b.betTime()).isEqualTo(placed);
                });
    }
}
