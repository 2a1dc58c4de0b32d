package com.beiying.gateway.worker.bets;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.BetTopicWriter;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.persistence.LeaseStore;
import com.beiying.gateway.provider.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a collector per provider and the bets-topic relay on their own threads, each pausing as
 * long as its last run asked (docs/bets.md). Stopping releases the leases this instance holds, so
 * another worker takes over at once instead of after the lease time.
 */
@Component
@ConditionalOnRole(Role.WORKER)
final class BetCollectors implements SmartLifecycle {
    private final List<BetCollector> collectors = new ArrayList<>();
    private final BetRelay relay;
    private final LeaseStore leases;
    private final GatewayProperties.Bets settings;
    private ScheduledThreadPoolExecutor pool;
    private volatile boolean running;

    BetCollectors(ProviderRegistry providers, Jdbi jdbi, BetStore store, LeaseStore leases, GameStatusDirectory status,
                  BetTopicWriter writer, GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.leases = leases;
        this.settings = properties.bets();
        String holder = properties.instanceId();
        this.relay = new BetRelay(jdbi, store, leases, writer, holder, settings, clock, meters);
        for (Game game : Game.values()) {
            if (providers.games().contains(game)) {
                collectors.add(new BetCollector(game, providers.adapter(game), jdbi, store, leases, status, holder, settings, clock,
                        relay::wake, meters));
            }
        }
    }

    @Override
    public void start() {
        if (!settings.collect()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        pool = new ScheduledThreadPoolExecutor(collectors.size() + 1, r -> {
            Thread t = new Thread(r, "bets-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        pool.execute(relay);
        for (BetCollector c : collectors) {
            pool.execute(() -> loop(c));
        }
    }

    private void loop(BetCollector collector) {
        if (!running) {
            return;
        }
        Duration pause = collector.pull();
        if (running) {
            pool.schedule(() -> loop(collector), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (BetCollector c : collectors) {
            c.lease().ifPresent(leases::release);
        }
        relay.release();
        pool = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
