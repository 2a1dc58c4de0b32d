package com.beiying.gateway.worker.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.support.IntegrationTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A collector that has caught up calls its provider's record API about once per pull interval
 * (docs/bets.md, "Collection"), not once per millisecond the provider's edge moved on: every call
 * reads the provider's whole overlap again, and real providers limit how often their record APIs
 * may be called. An earlier collector went on taking windows within one pull as long as the
 * provider had anything new at all, and so called each provider up to 24 times per pull.
 */
class BetCollectionPaceIntegrationTest extends IntegrationTest {
    /** The test profile's {@code gateway.bets.pull-interval}. */
    private static final Duration PULL = Duration.ofMillis(300);
    private static final Duration WATCHED = Duration.ofSeconds(3);
    /** AG live: by modification time (no sweep), so a pull is one call, two when cut at AG's midnight. */
    private static final Game GAME = Game.AGLIVE;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ProviderRegistry providers;

    @Test
    void aCaughtUpCollectorCallsItsProviderAboutOncePerPullInterval() throws Exception {
        double minDelaySeconds = providers.adapter(GAME).recordRules().minDelay().toSeconds();
        // Caught up: the edge trails now by the provider's minimum delay and less than two pulls.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Gauge gauge = meters.find("gateway.bets.lag").tag("game", GAME.code()).gauge();
            double lag = gauge == null ? Double.NaN : gauge.value();
            return !Double.isNaN(lag) && lag < minDelaySeconds + 2 * PULL.toMillis() / 1000.0;
        });
        long before = recordCalls();
        Thread.sleep(WATCHED.toMillis());
        long calls = recordCalls() - before;

        long pulls = WATCHED.toMillis() / PULL.toMillis() + 1;
        assertThat(calls).as("record calls to %s in %s (about %d pulls)", GAME.code(), WATCHED, pulls)
                .isPositive()
                .isLessThanOrEqualTo(2 * pulls);
    }

    /** Calls to the provider's record API so far, whatever their outcome. */
    private long recordCalls() {
        return meters.find("gateway.provider.calls").tag("game", GAME.code()).tag("operation", "bets").timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
