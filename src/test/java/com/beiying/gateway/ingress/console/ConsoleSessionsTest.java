package com.beiying.gateway.ingress.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Console sessions end when idle for 30 minutes, 12 hours after sign-in, or when signed out. */
class ConsoleSessionsTest {
    /** A clock the test moves. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void move(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutesAndUseKeepsItAlive() {
        Hands clock = new Hands();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String id = sessions.open().cookieValue();
        clock.move(Duration.ofMinutes(29));
        assertThat(sessions.find(id)).isPresent();
        clock.move(Duration.ofMinutes(29));
        assertThat(sessions.find(id)).as("used a minute before, so not idle").isPresent();
        clock.move(Duration.ofMinutes(30));
        assertThat(sessions.find(id)).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void noSessionOutlivesTwelveHours() {
        Hands clock = new Hands();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String id = sessions.open().cookieValue();
        for (int i = 0; i < 24; i++) {
            clock.move(Duration.ofMinutes(29));
            sessions.find(id);
        }
        clock.move(Duration.ofMinutes(29));
        assertThat(sessions.find(id)).isEmpty();
    }

    @Test
    void signingOutEndsItAndUnknownIdsFindNothing() {
        ConsoleSessions sessions = new ConsoleSessions(new Hands());
        ConsoleSessions.Opened opened = sessions.open();
        assertThat(sessions.find(opened.cookieValue() + "x")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        sessions.close(opened.cookieValue());
        assertThat(sessions.find(opened.cookieValue())).isEmpty();
    }

    @Test
    void theCsrfTokenIsTheSessionsOwn() {
        ConsoleSessions sessions = new ConsoleSessions(new Hands());
        ConsoleSessions.Session a = sessions.open().session();
        ConsoleSessions.Session b = sessions.open().session();
        assertThat(a.csrfToken()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(b.csrfToken());
        assertThat(a.csrfMatches(a.csrfToken())).isTrue();
        assertThat(a.csrfMatches(b.csrfToken())).isFalse();
        assertThat(a.csrfMatches(null)).isFalse();
        assertThat(a.csrfMatches("")).isFalse();
    }

    @Test
    void theOldestIdleSessionMakesRoomWhenFull() {
        Hands clock = new Hands();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String first = sessions.open().cookieValue();
        for (int i = 1; i < ConsoleSessions.MAX_SESSIONS; i++) {
            clock.move(Duration.ofSeconds(1));
            sessions.open();
        }
        clock.move(Duration.ofSeconds(1));
        String last = sessions.open().cookieValue();
        assertThat(sessions.size()).isEqualTo(ConsoleSessions.MAX_SESSIONS);
        assertThat(sessions.find(first)).isEmpty();
        assertThat(sessions.find(last)).isPresent();
    }
}
