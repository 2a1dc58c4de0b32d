package com.beiying.gateway.provider.pinnacle;

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
import com.beiying.gateway.provider.RecordRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Pinnacle's contract: the AES token in the headers, loginIds of 6-50, sport launches, wagers by update date in GMT-4. */
class PinnacleContractTest extends ProviderContract {
    @Autowired
    private ProviderEndpoints endpoints;
    @Autowired
    private ProviderHttp.Wires wires;
    @Autowired
    private JsonMapper json;

    @Override
    protected Game game() {
        return Game.PINNACLE;
    }

    @Override
    protected ProviderAdapter withWrongCredentials() {
        return new PinnacleAdapter(new PinnacleAdapter.Settings(simulatorUrl() + "/Pinnacle", "NOTAGENT", "not-the-agent-key",
                "0123456789abcdef"), endpoints, wires, json, Clock.systemUTC());
    }

    /** Soccer. */
    @Override
    protected String offeredGameId() {
        return "29";
    }

    /** Chess: one of Pinnacle's sports, but not offered by this line, so Pinnacle itself refuses it. */
    @Override
    protected String unknownGameId() {
        return "7";
    }

    @Override
    protected Pattern accountRule() {
        return Pattern.compile("[A-Za-z0-9-]{6,50}");
    }

    /** The simulator's own credentials, as the adapter derives them, signing at another time. */
    private ProviderAdapter signingAt(Instant when) {
        return new PinnacleAdapter(new PinnacleAdapter.Settings(null, null, null, null), endpoints, wires, json,
                Clock.fixed(when, Clock.systemUTC().getZone()));
    }

    @Test
    void aTokenLivesFifteenMinutes() {
        String account = openedAccount();
        assertThat(signingAt(Instant.now().minus(Duration.ofMinutes(14))).balance(account)).isEqualByComparingTo("0");
        assertThatThrownBy(() -> signingAt(Instant.now().minus(Duration.ofMinutes(16))).balance(account))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.PROVIDER_CREDENTIALS_REJECTED));
    }

    @Test
    void namesAndIdsFitPinnaclesRules() {
        assertThat(adapter().accountName(1)).hasSizeGreaterThanOrEqualTo(6);
        assertThat(PinnacleAdapter.slug("E-Sports")).isEqualTo("e-sports");
        assertThat(PinnacleAdapter.slug("Table Tennis")).isEqualTo("table-tennis");
        ProviderAdapter.TransferKey key = new ProviderAdapter.TransferKey("op-1", Long.MAX_VALUE, Instant.parse("2026-07-01T02:30:00Z"));
        assertThat(PinnacleAdapter.transactionId(key)).hasSizeLessThanOrEqualTo(50).startsWith("260630223000");
    }

    /** Every state of a wager in Pinnacle's words (OPEN, SETTLED, CANCELLED, isResettle) reads back as it is. */
    @Test
    void everyStateOfAWagerReadsBack() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        RecordRules rules = adapter().recordRules();
        Instant at = placeableInstant(rules);
        String open = simulator().placeBet(game().code(), account, "4", "5.00");
        String lost = simulator().placeBet(game().code(), account, "33", "10.00", "0.00", at);
        String cancelled = simulator().placeBet(game().code(), account, "12", "4.00");
        simulator().changeBet(game().code(), cancelled, "void", null);
        String voided = simulator().placeBet(game().code(), account, "12", "6.00", "9.00", at);
        simulator().changeBet(game().code(), voided, "void", null);
        String resettled = simulator().placeBet(game().code(), account, "29", "7.00", "14.00", at);
        simulator().changeBet(game().code(), resettled, "resettle", "3.50");

        Map<String, ProviderBet> bets = window(at.minusSeconds(5), Instant.now().plusSeconds(5), rules).stream()
                .collect(Collectors.toMap(ProviderBet::providerBetId, Function.identity(), (a, b) -> b));
        assertThat(bets.get(open).status()).isEqualTo(BetStatus.OPEN);
        assertThat(bets.get(open).gameId()).isEqualTo("4");
        assertThat(bets.get(lost).status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bets.get(lost).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(cancelled).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(voided).status()).isEqualTo(BetStatus.VOID);
        assertThat(bets.get(voided).payout()).isEqualByComparingTo("0");
        assertThat(bets.get(resettled).status()).isEqualTo(BetStatus.RESETTLED);
        assertThat(bets.get(resettled).payout()).isEqualByComparingTo("3.50");
        // 100 in, less the open stake, the lost stake and what the resettled bet lost; the voids gave their stakes back.
        assertThat(adapter().balance(account)).isEqualByComparingTo("81.50");
    }
}
