package com.beiying.gateway.worker.bets;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.messaging.BetTopicWriter;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.LeaseStore;
import com.beiying.gateway.worker.LeasedRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every bet revision to the compacted bets topic, from the commit-ordered revision log
 * (docs/bets.md, "Topic"). The log is the outbox: a revision is stored in the same transaction as
 * the bet, and the relay's position only moves after the broker acknowledged everything before it,
 * so every revision is published at least once (readers keep the highest revision per BetId).
 * One relay per topic across all workers; collectors wake it when they store something.
 */
final class BetRelay extends LeasedRelay<BetStore.Published> {
    private static final Logger log = LoggerFactory.getLogger(BetRelay.class);
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final BetStore store;
    private final BetTopicWriter writer;
    private final GatewayProperties.Bets settings;
    private final Clock clock;
    private final Counter published;
    /** The relay's name: its topic, so gateways on other topic prefixes each keep their own position and lease. */
    private final String relay;
    private Instant lastPurge = Instant.EPOCH;

    BetRelay(Jdbi jdbi, BetStore store, LeaseStore leases, BetTopicWriter writer, String holder, GatewayProperties.Bets settings,
             Clock clock, MeterRegistry meters) {
        super(jdbi, leases, "relay:topic:" + writer.topic(), holder, settings.leaseTime(), IDLE, settings.relayBatch());
        this.store = store;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.relay = "topic:" + writer.topic();
        this.published = Counter.builder("gateway.bets.published").description("Bet revisions published to the bets topic")
                .register(meters);
    }

    @Override
    protected List<BetStore.Published> next(int limit) {
        return store.relayBatch(store.relayPosition(relay), limit);
    }

    @Override
    protected CompletableFuture<?> send(BetStore.Published bet) {
        return writer.send(bet);
    }

    @Override
    protected void flush() {
        writer.flush();
    }

    @Override
    protected void confirm(Handle handle, List<BetStore.Published> rows) {
        BetStore.setRelayPosition(handle, relay, rows.get(rows.size() - 1).revision().position());
    }

    @Override
    protected void published(int rows) {
        published.increment(rows);
    }

    /** Now and then, forgets revisions older than the feed keeps. */
    @Override
    protected void tidy() {
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
