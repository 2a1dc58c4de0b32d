package com.beiying.gateway.worker.bets;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.provider.RecordRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionWindowsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);

    /** 10-minute windows, 2 minutes of overlap, 3 behind now, 3 days back, by modification time. */
    private static RecordRules rules(RecordRules.Basis basis, boolean withinOneDay) {
        return new RecordRules(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofDays(3), basis,
                GMT_MINUS_4, withinOneDay);
    }

    private static final RecordRules BY_CHANGE = rules(RecordRules.Basis.MODIFIED_TIME, false);

    @Test
    void aWindowStartsAnOverlapBeforeTheEdgeAndStopsShortOfNow() {
        List<CollectionWindows.Window> calls = CollectionWindows.forward(BY_CHANGE, NOW.minusSeconds(300), NOW).orElseThrow();
        assertThat(calls).containsExactly(new CollectionWindows.Window(NOW.minusSeconds(420), NOW.minusSeconds(180)));
    }

    @Test
    void behindItTakesWholeWindowsThatEachMoveOnByWindowLessOverlap() {
        Instant edge = NOW.minus(Duration.ofHours(2));
        CollectionWindows.Window w = CollectionWindows.forward(BY_CHANGE, edge, NOW).orElseThrow().get(0);
        assertThat(w.from()).isEqualTo(edge.minus(Duration.ofMinutes(2)));
        assertThat(w.to()).isEqualTo(edge.plus(Duration.ofMinutes(8)));
    }

    @Test
    void nothingIsDueWhileTheEdgeIsWithinTheProvidersDelay() {
        assertThat(CollectionWindows.forward(BY_CHANGE, NOW.minus(Duration.ofMinutes(3)), NOW)).isEmpty();
        assertThat(CollectionWindows.forward(BY_CHANGE, NOW.minusSeconds(170), NOW)).isEmpty();
    }

    @Test
    void anEdgeWithinAPullIntervalOfWhatTheProviderCanGiveIsCaughtUp() {
        Duration pull = Duration.ofSeconds(5);
        Instant ready = NOW.minus(Duration.ofMinutes(3));
        // A window is due (the provider has 4 s more) but not worth a second call in the same pull.
        assertThat(CollectionWindows.forward(BY_CHANGE, ready.minusSeconds(4), NOW)).isPresent();
        assertThat(CollectionWindows.behind(BY_CHANGE, ready.minusSeconds(4), NOW, pull)).isFalse();
        assertThat(CollectionWindows.behind(BY_CHANGE, ready.minusSeconds(5), NOW, pull)).isFalse();
        assertThat(CollectionWindows.behind(BY_CHANGE, ready.minusSeconds(6), NOW, pull)).isTrue();
        assertThat(CollectionWindows.behind(BY_CHANGE, NOW.minus(Duration.ofHours(2)), NOW, pull)).isTrue();
        assertThat(CollectionWindows.behind(BY_CHANGE, ready.plusSeconds(1), NOW, pull)).isFalse();
    }

    @Test
    void anEdgeOlderThanTheLookBackStartsAtTheOldestTheProviderServes() {
        CollectionWindows.Window w = CollectionWindows.forward(BY_CHANGE, NOW.minus(Duration.ofDays(5)), NOW).orElseThrow().get(0);
        assertThat(w.from()).isEqualTo(NOW.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(1)));
        assertThat(w.to()).isEqualTo(w.from().plus(Duration.ofMinutes(10)));
    }

    @Test
    void aProviderThatTakesNoWindowAcrossItsMidnightGetsTwoCalls() {
        RecordRules oneDay = rules(RecordRules.Basis.MODIFIED_TIME, true);
        // 04:00Z is midnight at GMT-4.
        Instant midnight = Instant.parse("2026-12-02T04:00:00Z");
        List<CollectionWindows.Window> calls = CollectionWindows.forward(oneDay, midnight.minusSeconds(60),
                midnight.plus(Duration.ofHours(1))).orElseThrow();
        assertThat(calls).containsExactly(new CollectionWindows.Window(midnight.minusSeconds(180), midnight),
                new CollectionWindows.Window(midnight, midnight.plusSeconds(420)));
    }

    @Test
    void anOverlapAsLongAsTheWindowStillMovesOn() {
        RecordRules greedy = new RecordRules(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1),
                RecordRules.Basis.MODIFIED_TIME, ZoneOffset.UTC, false);
        Instant edge = NOW.minus(Duration.ofHours(1));
        CollectionWindows.Window w = CollectionWindows.forward(greedy, edge, NOW).orElseThrow().get(0);
        assertThat(w.to()).isAfter(edge);
    }

    @Test
    void providersSelectedByChangeTimeAreNeverSwept() {
        assertThat(CollectionWindows.sweep(BY_CHANGE, null, NOW.minusSeconds(180), NOW, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void providersSelectedByBetTimeAreSweptBackAndStartOverAtTheEnd() {
        RecordRules byBetTime = rules(RecordRules.Basis.BET_TIME, false);
        Instant edge = NOW.minusSeconds(180);
        CollectionWindows.Sweep first = CollectionWindows.sweep(byBetTime, null, edge, NOW, Duration.ofHours(1)).orElseThrow();
        assertThat(first.calls()).containsExactly(new CollectionWindows.Window(NOW.minus(Duration.ofHours(1)),
                NOW.minus(Duration.ofMinutes(50))));
        assertThat(first.next()).isEqualTo(NOW.minus(Duration.ofMinutes(50)));
        // The last window reaches the forward pull's overlap; the next sweep starts over.
        Instant nearEnd = edge.minus(Duration.ofMinutes(2)).minus(Duration.ofMinutes(4));
        CollectionWindows.Sweep last = CollectionWindows.sweep(byBetTime, nearEnd, edge, NOW, Duration.ofHours(1)).orElseThrow();
        assertThat(last.calls()).containsExactly(new CollectionWindows.Window(nearEnd, edge.minus(Duration.ofMinutes(2))));
        assertThat(last.next()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }
}
