package com.beiying.gateway.worker.events;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.messaging.EventTopicWriter;
import com.beiying.gateway.persistence.LeaseStore;
import com.beiying.gateway.persistence.OutboxStore;
import com.beiying.gateway.worker.LeasedRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Relays the events outbox to the events topic (docs/events.md): one relay per topic across all
 * workers, woken right after a local commit appended events and looking every
 * {@code gateway.events.relay-interval} for the rest (other instances' events, and anything a crash
 * left unrelayed). Rows go out in the order they were written and are marked once the broker
 * acknowledged them; marked rows are pruned after {@code keep-relayed}.
 */
@Component
@ConditionalOnRole(Role.WORKER)
final class EventRelay extends LeasedRelay<OutboxStore.Row> implements SmartLifecycle {
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final OutboxStore outbox;
    private final EventTopicWriter writer;
    private final GatewayProperties.Events settings;
    private final Clock clock;
    private final Counter published;
    private Instant lastPrune = Instant.EPOCH;
    private Thread thread;

    EventRelay(Jdbi jdbi, LeaseStore leases, OutboxStore outbox, EventTopicWriter writer, EventOutbox events,
               GatewayProperties properties, Clock clock, MeterRegistry meters) {
        super(jdbi, leases, "relay:topic:" + writer.topic(), properties.instanceId(), properties.bets().leaseTime(),
                properties.events().relayInterval(), properties.events().relayBatch());
        this.outbox = outbox;
        this.writer = writer;
        this.settings = properties.events();
        this.clock = clock;
        this.published = Counter.builder("gateway.events.published").description("Events relayed to the events topic")
                .register(meters);
        Gauge.builder("gateway.events.backlog", outbox, o -> o.backlog(writer.topic()).events())
                .description("Outbox events not yet relayed").register(meters);
        events.afterCommit(this::wake);
    }

    @Override
    protected List<OutboxStore.Row> next(int limit) {
        return outbox.unrelayed(writer.topic(), limit);
    }

    @Override
    protected CompletableFuture<?> send(OutboxStore.Row row) {
        return writer.send(row);
    }

    @Override
    protected void flush() {
        writer.flush();
    }

    @Override
    protected void confirm(Handle handle, List<OutboxStore.Row> rows) {
        OutboxStore.markRelayed(handle, rows.stream().map(OutboxStore.Row::id).toList());
    }

    @Override
    protected void published(int rows) {
        published.increment(rows);
    }

    @Override
    protected void tidy() {
        Instant now = clock.instant();
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
            lastPrune = now;
            outbox.prune(now.minus(settings.keepRelayed()), 100_000);
        }
    }

    @Override
    public void start() {
        thread = new Thread(this, "events-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
