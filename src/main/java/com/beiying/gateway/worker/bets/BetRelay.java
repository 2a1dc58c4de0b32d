package com.beiying.gateway.worker.bets;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.messaging.BetTopicWriter;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.LeaseStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every bet revision to the compacted bets topic, from the commit-ordered revision log
 * (docs/bets.md, "Topic"). The log is the outbox: a revision is stored in the same transaction as
 * the bet, and the relay's position only moves after the broker acknowledged everything before it,
 * so every revision is published at least once (a crash between the two publishes a batch again;
 * readers keep the highest revision per BetId). One relay at a time across all workers (a lease);
 * it runs at once when a collector stored something, and otherwise looks every second.
 */
final class BetRelay {
    private static final Logger log = LoggerFactory.getLogger(BetRelay.class);
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final BetStore store;
    private final LeaseStore leases;
    private final BetTopicWriter writer;
    private final String holder;
    private final GatewayProperties.Bets settings;
    private final Clock clock;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);
    /** The relay's name: its topic, so gateways on other topic prefixes each keep their own position and lease. */
    private final String relay;
    private final String leaseName;
    private volatile LeaseStore.Lease lease;
    private Instant lastPurge = Instant.EPOCH;

    BetRelay(Jdbi jdbi, BetStore store, LeaseStore leases, BetTopicWriter writer, String holder, GatewayProperties.Bets settings,
             Clock clock, MeterRegistry meters) {
        this.relay = "topic:" + writer.topic();
        this.leaseName = "relay:" + relay;
        this.jdbi = jdbi;
        this.store = store;
        this.leases = leases;
        this.writer = writer;
        this.holder = holder;
        this.settings = settings;
        this.clock = clock;
        this.published = Counter.builder("gateway.bets.published").description("Bet revisions published to the bets topic")
                .register(meters);
    }

    /** A collector stored new revisions: relay them now rather than at the next look. */
    void wake() {
        wake.release();
    }

    /** The lease while held, for an orderly release. */
    Optional<LeaseStore.Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** Runs until interrupted. */
    void run() {
        while (!Thread.currentThread().isInterrupted()) {
            boolean more;
            try {
                more = relayOnce();
            } catch (RuntimeException e) {
                log.warn("bets topic relay: {}; trying again", e.toString());
                more = false;
            }
            if (!more) {
                try {
                    wake.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Publishes one batch if this instance holds the relay's lease; whether a full batch suggests more. */
    boolean relayOnce() {
        Optional<LeaseStore.Lease> held = leases.acquire(leaseName, holder, settings.leaseTime());
        lease = held.orElse(null);
        if (held.isEmpty()) {
            return false;
        }
        purgeNowAndThen();
        long position = store.relayPosition(relay);
        List<BetStore.Published> batch = store.relayBatch(position, settings.relayBatch());
        if (batch.isEmpty()) {
            return false;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
        for (BetStore.Published bet : batch) {
            sends.add(writer.send(bet));
        }
        writer.flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        long last = batch.get(batch.size() - 1).revision().position();
        LeaseStore.Lease mine = held.get();
        boolean moved = jdbi.inTransaction(h -> {
            if (!LeaseStore.holds(h, mine)) {
                return false;
            }
            BetStore.setRelayPosition(h, relay, last);
            return true;
        });
        if (moved) {
            published.increment(batch.size());
        }
        return moved && batch.size() == settings.relayBatch();
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        int purged = store.purgeRevisions(now.minus(settings.feedRetention()), 100_000);
        if (purged > 0) {
            log.info("forgot {} bet revisions older than {}", purged, settings.feedRetention());
        }
    }
}
