package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.ProviderAdapter.TransferKey;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contract every provider adapter keeps with its provider, run against the simulator over HTTP
 * (issue 12): each operation in the provider's own protocol, its answers mapped onto the catalog
 * (retriable or not), amounts at the edges, account names within the provider's rules, times in
 * the provider's zone, and a request signed with a wrong key refused. One subclass per provider.
 */
public abstract class ProviderContract extends IntegrationTest {
    private static final AtomicLong NUMBERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 900_000_000));

    @Autowired
    protected ProviderRegistry providers;

    /** The game under test. */
    protected abstract Game game();

    /** The same adapter class, signing with credentials the provider never issued. */
    protected abstract ProviderAdapter withWrongCredentials();

    /** A game id the provider offers, and one it does not. */
    protected abstract String offeredGameId();

    protected abstract String unknownGameId();

    /** The provider's rule for account names. */
    protected abstract Pattern accountRule();

    protected ProviderAdapter adapter() {
        return providers.adapter(game());
    }

    protected Simulator simulator() {
        return new Simulator(baseUrl());
    }

    @AfterEach
    void liftFaults() {
        simulator().clearFaults();
    }

    /** A member id never used before by this provider's tests (accounts outlive single tests). */
    protected static long memberId() {
        return NUMBERS.incrementAndGet();
    }

    protected static TransferKey key() {
        long n = NUMBERS.incrementAndGet();
        return new TransferKey("op" + n + "-order-" + n, n, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    protected String openedAccount() {
        String account = adapter().accountName(memberId());
        adapter().openAccount(account, "CNY");
        return account;
    }

    @Test
    void accountNamesFollowTheProvidersRule() {
        for (long id : new long[] {1, 35, 36, 123_456_789L, Integer.MAX_VALUE, 99_999_999_999L}) {
            String name = adapter().accountName(id);
            assertThat(name).as("id %d", id).matches(accountRule());
            assertThat(adapter().accountName(id)).as("stable").isEqualTo(name);
        }
        assertThat(adapter().accountName(7)).isNotEqualTo(adapter().accountName(8));
    }

    @Test
    void openingTwiceIsOneAccountWithNothingInIt() {
        String account = adapter().accountName(memberId());
        adapter().openAccount(account, "CNY");
        adapter().openAccount(account, "CNY");
        assertThat(adapter().balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void launchesAnOfferedGameAndRefusesAnUnknownOne() {
        String account = openedAccount();
        ProviderAdapter.Launch launch = adapter().launch(account, new ProviderAdapter.LaunchOptions("PC", "zh-CN", null));
        assertThat(launch.url()).startsWith("https://");
        assertThat(adapter().launch(account, new ProviderAdapter.LaunchOptions("H5", "en", offeredGameId())).url()).startsWith("https://");
        assertThatThrownBy(() -> adapter().launch(account, new ProviderAdapter.LaunchOptions("PC", "zh-CN", unknownGameId())))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.GAME_NOT_FOUND));
    }

    @Test
    void movesMoneyAtTheEdgesOnceAndSaysWhatHappened() {
        String account = openedAccount();
        TransferKey smallest = key();
        assertThat(adapter().transfer(account, smallest, new BigDecimal("0.01"), Direction.IN).state()).isEqualTo(TransferState.SUCCESS);
        TransferKey largest = key();
        ProviderAdapter.TransferResult big = adapter().transfer(account, largest, new BigDecimal("1000000.00"), Direction.IN);
        assertThat(big.state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("1000000.01");
        // The same key again: the provider applies it once, and says it succeeded.
        assertThat(adapter().transfer(account, largest, new BigDecimal("1000000.00"), Direction.IN).state())
                .isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("1000000.01");

        TransferKey out = key();
        assertThat(adapter().transfer(account, out, new BigDecimal("999999.99"), Direction.OUT).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("0.02");
        ProviderAdapter.TransferResult tooMuch = adapter().transfer(account, key(), new BigDecimal("0.03"), Direction.OUT);
        assertThat(tooMuch.state()).isEqualTo(TransferState.FAILED);
        assertThat(tooMuch.failure()).isEqualTo(Errors.INSUFFICIENT_BALANCE.name());
        assertThat(adapter().balance(account)).isEqualByComparingTo("0.02");

        assertThat(adapter().transferStatus(account, smallest).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().transferStatus(account, out).state()).isEqualTo(TransferState.SUCCESS);
        ProviderAdapter.TransferResult never = adapter().transferStatus(account, key());
        assertThat(never.state()).isEqualTo(TransferState.FAILED);
        assertThat(never.failure()).isEqualTo(Errors.ORDER_NOT_FOUND.name());
    }

    @Test
    void aLostAnswerIsUnknownAndTheStatusQueryTellsWhatHappened() {
        String account = openedAccount();
        simulator().fault(game().code(), "transfer", "TIMEOUT_AFTER", 0, 1);
        TransferKey applied = key();
        assertThat(adapter().transfer(account, applied, new BigDecimal("30.00"), Direction.IN).state()).isEqualTo(TransferState.UNKNOWN);
        assertThat(adapter().transferStatus(account, applied).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("30.00");
        simulator().fault(game().code(), "transfer", "TIMEOUT_BEFORE", 0, 1);
        TransferKey lost = key();
        assertThat(adapter().transfer(account, lost, new BigDecimal("5.00"), Direction.IN).state()).isEqualTo(TransferState.UNKNOWN);
        assertThat(adapter().transferStatus(account, lost).failure()).isEqualTo(Errors.ORDER_NOT_FOUND.name());
        // Sent again with the same key, it is applied once.
        assertThat(adapter().transfer(account, lost, new BigDecimal("5.00"), Direction.IN).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter().balance(account)).isEqualByComparingTo("35.00");
    }

    @Test
    void providerAnswersMapOntoTheCatalog() {
        String account = openedAccount();
        simulator().fault(game().code(), "balance", "MAINTENANCE", 0, 1);
        assertThatThrownBy(() -> adapter().balance(account)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error()).isEqualTo(Errors.GAME_MAINTENANCE);
            assertThat(e.error().retriable()).isTrue();
        });
        simulator().fault(game().code(), "balance", "ERROR", 0, 1);
        assertThatThrownBy(() -> adapter().balance(account)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error()).isEqualTo(Errors.PROVIDER_BUSY);
            assertThat(e.error().retriable()).isTrue();
        });
        assertThat(adapter().balance(account)).isEqualByComparingTo("0");
    }

    @Test
    void aRequestSignedWithAWrongKeyIsRefusedAndSaysSo() {
        String account = openedAccount();
        assertThatThrownBy(() -> withWrongCredentials().balance(account)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error()).isEqualTo(Errors.PROVIDER_CREDENTIALS_REJECTED);
            assertThat(e.error().retriable()).isFalse();
        });
    }

    @Test
    void betRecordsCarryTheProvidersTimesAndExactMoney() {
        String account = openedAccount();
        adapter().transfer(account, key(), new BigDecimal("100.00"), Direction.IN);
        RecordRules rules = adapter().recordRules();
        assertThat(rules.window()).isPositive();
        // Placed in the past, beyond the provider's minimum delay and inside one of its days, where its records reach.
        Instant at = placeableInstant(rules);
        String betId = simulator().placeBet(game().code(), account, offeredGameId(), "10.55", "12.30", at);
        Instant before = at.minusSeconds(30);
        Instant after = at.plusSeconds(30);
        List<ProviderBet> found = window(before, after, rules).stream().filter(b -> b.providerBetId().equals(betId)).toList();
        assertThat(found).as("bet %s in the window", betId).hasSize(1);
        ProviderBet bet = found.get(0);
        assertThat(bet.account()).isEqualTo(account);
        assertThat(bet.betAmount()).isEqualByComparingTo("10.55");
        assertThat(bet.payout()).isEqualByComparingTo("12.30");
        assertThat(bet.status()).isEqualTo(BetStatus.SETTLED);
        assertThat(bet.betTime()).isBetween(before, after);
        assertThat(bet.updatedAt()).isBetween(before, after);
        assertThat(adapter().balance(account)).isEqualByComparingTo("101.75");
    }

    /** A time to place a test bet at: well behind the provider's delay, and 30 s away from any edge of its day. */
    protected static Instant placeableInstant(RecordRules rules) {
        Instant at = Instant.now().minus(rules.minDelay()).minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
        LocalTime local = at.atOffset(rules.zone()).toLocalTime();
        if (local.isBefore(LocalTime.of(0, 1)) || local.isAfter(LocalTime.of(23, 59))) {
            at = at.minus(Duration.ofMinutes(2));
        }
        return at;
    }

    /** Pulls {@code [from, to)} in windows the provider accepts. */
    protected List<ProviderBet> window(Instant from, Instant to, RecordRules rules) {
        Duration step = rules.window();
        List<ProviderBet> out = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
            Instant end = start.plus(step).isAfter(to) ? to : start.plus(step);
            out.addAll(adapter().betRecords(start, end));
        }
        return out;
    }
}
