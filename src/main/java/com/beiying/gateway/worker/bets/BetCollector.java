package com.beiying.gateway.worker.bets;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.persistence.LeaseStore;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderBet;
import com.beiying.gateway.provider.RecordRules;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one provider's bet records (docs/bets.md, "Collection"). Whichever worker holds the
 * provider's lease pulls; the others only try to take it. Each window's records, their new
 * revisions and the moved edge commit in one transaction that first checks the lease is still
 * held, so a hand-over between workers leaves neither a gap nor a second writer. A provider that
 * fails is retried with growing, jittered pauses, on its own thread: the others carry on.
 */
final class BetCollector {
    private static final Logger log = LoggerFactory.getLogger(BetCollector.class);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final Game game;
    private final ProviderAdapter adapter;
    private final Jdbi jdbi;
    private final BetStore store;
    private final LeaseStore leases;
    private final GameStatusDirectory status;
    private final String holder;
    private final GatewayProperties.Bets settings;
    private final Clock clock;
    private final Runnable revised;
    private final IntervalFunction backoff;
    private final Counter seenCounter;
    private final Counter revisedCounter;
    private final Counter failureCounter;
    /** Milliseconds the edge is behind now, while this instance holds the lease; -1 otherwise. */
    private final AtomicLong lagMillis = new AtomicLong(-1);
    private volatile LeaseStore.Lease lease;
    private int failures;

    /** Raised inside a write when the lease changed hands meanwhile: the write rolls back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    BetCollector(Game game, ProviderAdapter adapter, Jdbi jdbi, BetStore store, LeaseStore leases, GameStatusDirectory status,
                 String holder, GatewayProperties.Bets settings, Clock clock, Runnable revised, MeterRegistry meters) {
        this.game = game;
        this.adapter = adapter;
        this.jdbi = jdbi;
        this.store = store;
        this.leases = leases;
        this.status = status;
        this.holder = holder;
        this.settings = settings;
        this.clock = clock;
        this.revised = revised;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.pullInterval(), 2.0, 0.5, settings.maxBackoff());
        this.seenCounter = Counter.builder("gateway.bets.collected").tag("game", game.code()).tag("kind", "seen")
                .description("Bet records read from the provider").register(meters);
        this.revisedCounter = Counter.builder("gateway.bets.collected").tag("game", game.code()).tag("kind", "revised")
                .description("New bet revisions stored").register(meters);
        this.failureCounter = Counter.builder("gateway.bets.pull.failures").tag("game", game.code()).register(meters);
        Gauge.builder("gateway.bets.lag", lagMillis, l -> l.get() < 0 ? Double.NaN : l.get() / 1000.0).baseUnit("seconds")
                .tag("game", game.code()).description("How far collection is behind now, on the lease holder")
                .register(meters);
    }

    Game game() {
        return game;
    }

    /** The lease while held, for an orderly release. */
    Optional<LeaseStore.Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** One pull: take or renew the lease, read what is due, store it; returns the pause before the next. */
    Duration pull() {
        if (!renew()) {
            return settings.pullInterval();
        }
        if (status.maintenance(game).isPresent()) {
            return settings.pullInterval();
        }
        try {
            boolean behind = collect();
            failures = 0;
            return behind ? Duration.ZERO : settings.pullInterval();
        } catch (LeaseLost e) {
            lease = null;
            lagMillis.set(-1);
            return settings.pullInterval();
        } catch (RuntimeException e) {
            failures++;
            failureCounter.increment();
            Duration pause = Duration.ofMillis(backoff.apply(failures));
            log.warn("bet records of {}: pull failed ({}), next try in {}", game.code(), e.getMessage(), pause);
            return pause;
        }
    }

    /**
     * Reads one window, and more (up to the configured number) only while still behind by more
     * than a pull interval; whether it is still that far behind afterwards.
     */
    private boolean collect() {
        RecordRules rules = adapter.recordRules();
        Instant now = clock.instant();
        BetStore.Progress progress = store.progress(game).orElse(new BetStore.Progress(now.minus(settings.firstPull()), null));
        for (int i = 0; i < settings.maxWindowsPerPull(); i++) {
            if (i > 0 && !CollectionWindows.behind(rules, progress.collectedTo(), clock.instant(), settings.pullInterval())) {
                // Caught up: the rest waits for the next pull. (Going on while the provider had
                // anything at all made every pull read its overlap up to 24 times, a few
                // milliseconds further each time: 43 record calls a second from an idle gateway.)
                break;
            }
            Optional<List<CollectionWindows.Window>> calls = CollectionWindows.forward(rules, progress.collectedTo(), clock.instant());
            if (calls.isEmpty()) {
                break;
            }
            Instant end = calls.get().get(calls.get().size() - 1).to();
            progress = new BetStore.Progress(end.isAfter(progress.collectedTo()) ? end : progress.collectedTo(), progress.sweptTo());
            write(fetch(calls.get()), progress);
            if (i + 1 < settings.maxWindowsPerPull() && !renew()) {
                throw new LeaseLost();
            }
        }
        Optional<CollectionWindows.Sweep> sweep = CollectionWindows.sweep(rules, progress.sweptTo(), progress.collectedTo(),
                clock.instant(), settings.sweepBack());
        if (sweep.isPresent()) {
            progress = new BetStore.Progress(progress.collectedTo(), sweep.get().next());
            write(fetch(sweep.get().calls()), progress);
        }
        lagMillis.set(Math.max(0, Duration.between(progress.collectedTo(), clock.instant()).toMillis()));
        return CollectionWindows.behind(rules, progress.collectedTo(), clock.instant(), settings.pullInterval());
    }

    private List<ProviderBet> fetch(List<CollectionWindows.Window> calls) {
        List<ProviderBet> out = new ArrayList<>();
        for (CollectionWindows.Window w : calls) {
            out.addAll(adapter.betRecords(w.from(), w.to()));
        }
        seenCounter.increment(out.size());
        return out;
    }

    private void write(List<ProviderBet> bets, BetStore.Progress progress) {
        List<BetStore.Observed> observed = bets.stream().map(BetCollector::observed).toList();
        LeaseStore.Lease held = lease;
        if (held == null) {
            throw new LeaseLost();
        }
        int revisions = jdbi.inTransaction(h -> {
            if (!LeaseStore.holds(h, held)) {
                throw new LeaseLost();
            }
            List<String> changed = BetStore.upsert(h, game, observed);
            BetStore.setProgress(h, game, progress);
            // Last, just before the commit: positions are taken under a lock held to the commit.
            BetStore.sequence(h, game, changed);
            return changed.size();
        });
        if (revisions > 0) {
            revisedCounter.increment(revisions);
            revised.run();
        }
    }

    private boolean renew() {
        Optional<LeaseStore.Lease> held = leases.acquire(LEASE_PREFIX + game.code(), holder, settings.leaseTime());
        if (held.isEmpty()) {
            lease = null;
            lagMillis.set(-1);
            return false;
        }
        if (lease == null || lease.epoch() != held.get().epoch()) {
            log.info("collecting {} bet records (lease epoch {})", game.code(), held.get().epoch());
        }
        lease = held.get();
        return true;
    }

    /** Lease names of collectors: {@code collector:<Game>}. */
    static final String LEASE_PREFIX = "collector:";

    /**
     * A provider's bet as the gateway keeps it (docs/bets.md, "Record fields"): money with two
     * decimals; an open bet has paid nothing yet (payout 0), a void one gave its stake back (payout
     * = stake, turnover 0), whatever the provider's own words for that were; a bet without a
     * change time changed when it was settled, else when it was placed; a void bet was settled
     * when it was voided, if the provider gives no settle time of its own.
     */
    static BetStore.Observed observed(ProviderBet b) {
        BigDecimal stake = money(b.betAmount());
        BigDecimal payout = switch (b.status()) {
            case OPEN -> ZERO;
            case VOID -> stake;
            case SETTLED, RESETTLED -> money(b.payout());
        };
        BigDecimal validBet = b.status() == BetStatus.VOID ? ZERO : money(b.validBet());
        Instant settledAt = b.status() == BetStatus.OPEN ? null : b.settledAt();
        Instant changed = b.updatedAt() != null ? b.updatedAt() : settledAt != null ? settledAt : b.betTime();
        if (b.status() == BetStatus.VOID && settledAt == null) {
            settledAt = changed;
        }
        return new BetStore.Observed(b.providerBetId(), b.account(), nonNull(b.gameId()), nonNull(b.roundId()), b.currency(),
                stake, validBet, payout, b.status(), b.betTime(), settledAt, changed);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? ZERO : amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
