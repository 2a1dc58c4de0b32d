package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Members playing at the simulated providers on their own (docs/providers.md, "Play"): members
 * with money place bets at the configured rate, each bet settles after a random part of the
 * settle time (a win pays 1.5 to 2.4 times the stake, a bit under half of them win), a few are
 * voided, and a few settled ones are resettled later, so that balances and records move as at a
 * real provider and a record changes after it was collected. On by default in the embedded mode,
 * off in tests, which place, settle, void and resettle bets through the control API instead, or
 * turn play on for their own accounts only ({@code /simulator/v1/_control/play}).
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
final class SimulatorPlay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SimulatorPlay.class);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final BigDecimal LEAST_STAKE = new BigDecimal("1.00");
    private static final BigDecimal MOST_STAKE = new BigDecimal("500.00");
    private static final int MOST_PER_TICK = 200;

    private final SimulatorBank bank;
    private final GatewayProperties.Simulator.Play settings;
    private final Map<String, List<String>> playedGames = new HashMap<>();
    private ScheduledExecutorService timer;
    /** What play does now: set from configuration, changed through the control API. */
    private volatile Setting setting;
    private double owedBets;
    private double owedResettles;

    SimulatorPlay(SimulatorBank bank, List<ProviderSide> sides, GatewayProperties properties) {
        this.bank = bank;
        this.settings = properties.simulator().play();
        this.setting = new Setting(settings.enabled() ? settings.betsPerSecond() : 0, null, Duration.ZERO);
        sides.forEach(side -> playedGames.put(side.game(), side.playedGames()));
    }

    /**
     * How fast members play, which accounts ({@code <game>:<account>}; null: every account with
     * money), and how far behind now their bets are dated (tests use it so that providers which
     * serve records only minutes after they change serve these at once).
     */
    record Setting(double betsPerSecond, Set<String> accounts, Duration behind) {
    }

    /**
     * Changes play at once. A rate of 0 for given accounts winds their play down: no new bets,
     * open ones still settle; a rate of 0 for every account stops play altogether.
     */
    void set(Setting next) {
        setting = next;
        log.info("simulated play: {} bets per second{}", next.betsPerSecond(),
                next.accounts() == null ? "" : " for " + next.accounts().size() + " accounts");
    }

    Setting setting() {
        return setting;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-play");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (setting.betsPerSecond() > 0) {
            log.info("simulated members play: {} bets per second, settled within {}", setting.betsPerSecond(),
                    settings.settleAfter());
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A database blip costs a tick of play, nothing more.
            log.debug("simulated play tick failed: {}", e.toString());
        }
    }

    /** One tick: place what the rate owes, settle what is due, resettle a few. */
    void tick() {
        Setting now = setting;
        if (now.betsPerSecond() <= 0) {
            owedBets = 0;
            owedResettles = 0;
            if (now.accounts() == null) {
                return;
            }
        }
        play(now);
    }

    private void play(Setting play) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = bank.now().minus(play.behind());
        double seconds = TICK.toMillis() / 1000.0;
        owedBets += play.betsPerSecond() * seconds;
        int place = (int) Math.min(MOST_PER_TICK, Math.floor(owedBets));
        owedBets -= place;
        if (place > 0) {
            for (SimulatorStore.Account account : bank.accountsWithMoney(LEAST_STAKE, place, play.accounts())) {
                List<String> games = playedGames.getOrDefault(account.game(), List.of("1"));
                BigDecimal stake = stake(account.balance(), random);
                bank.place(account.game(), account.account(), games.get(random.nextInt(games.size())), stake, stake, now);
            }
        }
        // A bet settles after a random share of settle-after: due when older than that share.
        Instant oldestKept = now.minus(settings.settleAfter());
        for (SimulatedBet bet : bank.openBets(now, MOST_PER_TICK, play.accounts())) {
            boolean due = bet.betTime().isBefore(oldestKept)
                    || random.nextDouble() < seconds / Math.max(seconds, settings.settleAfter().toMillis() / 1000.0);
            if (!due) {
                continue;
            }
            if (random.nextDouble() < settings.voidShare()) {
                bank.voidBet(bet.game(), bet.betId(), now);
            } else {
                bank.settle(bet.game(), bet.betId(), payout(bet.stake(), random), now);
            }
        }
        owedResettles += play.betsPerSecond() * seconds * settings.resettleShare();
        int resettle = (int) Math.floor(owedResettles);
        owedResettles -= resettle;
        if (resettle > 0) {
            for (SimulatedBet bet : bank.settledBets(now.minus(Duration.ofMinutes(30)), resettle, play.accounts())) {
                // A correction turns the result around: a loss paid after all, or a win taken back.
                BigDecimal corrected = bet.payout().signum() == 0 ? payout(bet.stake(), random).max(bet.stake())
                        : BigDecimal.ZERO.setScale(2);
                bank.resettle(bet.game(), bet.betId(), corrected, now);
            }
        }
    }

    /** A stake of 1.00 up to a tenth of the balance (at most 500.00), in whole cents. */
    private static BigDecimal stake(BigDecimal balance, ThreadLocalRandom random) {
        BigDecimal most = balance.divide(BigDecimal.TEN, 2, RoundingMode.DOWN).min(MOST_STAKE).max(LEAST_STAKE);
        long cents = most.movePointRight(2).longValueExact();
        long least = LEAST_STAKE.movePointRight(2).longValueExact();
        return BigDecimal.valueOf(least + random.nextLong(Math.max(1, cents - least + 1)), 2);
    }

    /** Loses (0) a bit more often than it wins (1.5 to 2.4 times the stake). */
    private static BigDecimal payout(BigDecimal stake, ThreadLocalRandom random) {
        if (random.nextDouble() >= 0.48) {
            return BigDecimal.ZERO.setScale(2);
        }
        return stake.multiply(BigDecimal.valueOf(150 + random.nextInt(91), 2)).setScale(2, RoundingMode.DOWN);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
