package com.beiying.gateway.provider.aglive;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
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

/** AG's contract: DES-sealed params, MD5 keys, the two-step transfer, gameType codes, XML record rows in pages, GMT-4. */
class AgLiveContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;

    @Override
    protected Game game() {
        return Game.AGLIVE;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        String url = simulatorUrl() + "/AGLive";
        return new AgLiveAdapter(new AgLiveAdapter.Settings(url, null, null, "ZZ9", "12345678", "not-the-md5-key", "not-the-pidtoken",
                null, null, null, null), endpoints, wires, Clock.systemUTC());
    }

    @Override
    protected String offeredGameId() {
        return "BAC";
    }

    @Override
    protected String unknownGameId() {
        return "POKER7";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[A-Za-z0-9_]{1,19}");
    }

    @Test
    void recordsShowEveryStateInAgsFlags() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String open = simulator().placeBet(game().code(), account, "BAC", "5.00");
        String settled = simulator().placeBet(game().code(), account, "DT", "10.00");
        simulator().changeBet(game().code(), settled, "settle", "19.50");
        String voided = simulator().placeBet(game().code(), account, "ROU", "7.00");
        simulator().changeBet(game().code(), voided, "void", null);
        String resettled = simulator().placeBet(game().code(), account, "BAC", "8.00");
        simulator().changeBet(game().code(), resettled, "settle", "16.00");
        simulator().changeBet(game().code(), resettled, "resettle", "4.00");

        Map<String, ProviderBet> bets = adapter().betRecords(from, Instant.now().plusSeconds(1)).stream()
                .filter(b -> b.account().equals(account)).collect(Collectors.toMap(ProviderBet::providerBetId, b -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(open).settledAt()).isNull();
        assertThat(bets.get(settled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(settled).payout()).isEqualByComparingTo("19.50");
        assertThat(bets.get(settled).gameId()).isEqualTo("DT");
        assertThat(bets.get(voided).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(voided).payout()).isEqualByComparingTo("0");
        // AG marks no resettlement: the bet is settled again, with its newest net amount and time.
        assertThat(bets.get(resettled).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(resettled).payout()).isEqualByComparingTo("4.00");
        assertThat(adapter().balance(account)).isEqualByComparingTo("100.50");
    }

    @Test
    void everyPageOfRecordsIsRead() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        Instant at = placeableInstant(adapter().recordRules());
        List<String> placed = List.of(simulator().placeBet(game().code(), account, "BAC", "1.00", "2.00", at),
                simulator().placeBet(game().code(), account, "BAC", "1.00", "0.00", at.plusSeconds(1)),
                simulator().placeBet(game().code(), account, "DT", "1.00", "1.95", at.plusSeconds(2)));
        AgLiveAdapter twoPerPage = new AgLiveAdapter(new AgLiveAdapter.Settings(null, null, null, null, null, null, null, null, null,
                null, 2), endpoints, wires, Clock.systemUTC());
        List<String> found = twoPerPage.betRecords(at.minusSeconds(30), at.plusSeconds(30)).stream()
                .filter(b -> b.account().equals(account)).map(ProviderBet::providerBetId).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(placed);
    }

    @Test
    void theSampleClientsDesInEcbAndBase64IsAcceptedToo() {
        AgLiveAdapter ecb = new AgLiveAdapter(new AgLiveAdapter.Settings(null, null, null, null, null, null, null, null, "ECB_BASE64",
                null, null), endpoints, wires, Clock.systemUTC());
        String account = ecb.accountName(memberId());
        ecb.openAccount(account, "CNY");
        assertThat(ecb.transfer(account, key(), new BigDecimal("12.34"), Direction.IN).state())
                .isEqualTo(ProviderAdapter.TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("12.34");
    }
}
