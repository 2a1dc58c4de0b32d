package com.beiying.gateway.provider.bbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.config.SimulatorCredentials;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** BBIN's contract: per-action KeyB keys with random padding, GMT-4 key dates, GameTypes, paged wager records inside one GMT-4 day. */
class BbinContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;
    @Autowired
    private SimulatorCredentials credentials;

    @Override
    protected Game game() {
        return Game.BBIN;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        String url = simulatorUrl() + "/BBIN";
        return new BbinAdapter(new BbinAdapter.Settings(url, "nosite", "noupper", "k1", "k2", "k3", "k4", "k5", "k6", "k7", null, null),
                endpoints, wires, json, Clock.systemUTC());
    }

    @Override
    protected String offeredGameId() {
        return "3001";
    }

    @Override
    protected String unknownGameId() {
        return "3999";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[a-z0-9]{1,20}");
    }

    @Test
    void aKeyOfTheRightWebsiteButAnotherActionsKeyBIsRefused() {
        String account = openedAccount();
        // The simulated transfer KeyB given as the balance KeyB: BBIN checks each action against its own.
        BbinAdapter crossed = new BbinAdapter(new BbinAdapter.Settings(null, null, null, null, null,
                credentials.of("BBIN", "transfer-key", 8), null, null, null, null, null, null), endpoints, wires, json, Clock.systemUTC());
        assertThatThrownBy(() -> crossed.balance(account)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error()).isEqualTo(Errors.PROVIDER_CREDENTIALS_REJECTED));
        assertThat(adapter().balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void recordsShowEveryStateInBbinsResultWords() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String open = simulator().placeBet(game().code(), account, "3001", "5.00");
        String won = simulator().placeBet(game().code(), account, "3003", "10.00");
        simulator().changeBet(game().code(), won, "settle", "19.50");
        String tie = simulator().placeBet(game().code(), account, "3001", "6.00");
        simulator().changeBet(game().code(), tie, "settle", "6.00");
        String voided = simulator().placeBet(game().code(), account, "3007", "7.00");
        simulator().changeBet(game().code(), voided, "void", null);
        String resettled = simulator().placeBet(game().code(), account, "3001", "8.00");
        simulator().changeBet(game().code(), resettled, "settle", "16.00");
        simulator().changeBet(game().code(), resettled, "resettle", "4.00");

        Map<String, ProviderBet> bets = adapter().betRecords(from, Instant.now().plusSeconds(1)).stream()
                .filter(b -> b.account().equals(account)).collect(Collectors.toMap(ProviderBet::providerBetId, b -> b, (a, b) -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(won).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(won).payout()).isEqualByComparingTo("19.50");
        assertThat(bets.get(won).gameId()).isEqualTo("3003");
        assertThat(bets.get(won).currency()).isEqualTo("CNY");
        assertThat(bets.get(tie).payout()).isEqualByComparingTo("6.00");
        assertThat(bets.get(voided).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(voided).payout()).isEqualByComparingTo("0");
        // BBIN marks no resettlement: the wager is settled again, with its newest payoff and ModifiedDate.
        assertThat(bets.get(resettled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(resettled).payout()).isEqualByComparingTo("4.00");
        assertThat(adapter().balance(account)).isEqualByComparingTo("100.50");
    }

    @Test
    void everyPageOfRecordsIsRead() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        Instant at = placeableInstant(adapter().recordRules());
        List<String> placed = List.of(simulator().placeBet(game().code(), account, "3001", "1.00", "2.00", at),
                simulator().placeBet(game().code(), account, "3001", "1.00", "0.00", at.plusSeconds(1)),
                simulator().placeBet(game().code(), account, "3003", "1.00", "1.95", at.plusSeconds(2)));
        BbinAdapter twoPerPage = new BbinAdapter(new BbinAdapter.Settings(null, null, null, null, null, null, null, null, null, null,
                null, 2), endpoints, wires, json, Clock.systemUTC());
        List<String> found = twoPerPage.betRecords(at.minusSeconds(30), at.plusSeconds(30)).stream()
                .filter(b -> b.account().equals(account)).map(ProviderBet::providerBetId).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(placed);
    }
}
