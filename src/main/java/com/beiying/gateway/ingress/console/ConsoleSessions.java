package com.beiying.gateway.ingress.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Console sessions, kept on the server: the browser holds only a random id in an HttpOnly cookie.
 * A session ends when signed out, after {@link #IDLE} without a request, or {@link #LONGEST} after
 * sign-in, whichever comes first. Sessions are looked up by the SHA-256 of the cookie's value, so
 * a map lookup's timing says nothing about a valid id, and the ids themselves are not kept.
 *
 * <p>Sessions live in this instance's memory: behind several ingress instances the console needs
 * sticky sessions (or signing in again); a restart signs everyone out. Keeping them in PostgreSQL
 * would lift both, at the price of a table and a migration, which the console does not need yet.
 */
final class ConsoleSessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LONGEST = Duration.ofHours(12);
    /** More sessions than people who hold the admin token: the oldest idle one makes room. */
    static final int MAX_SESSIONS = 256;
    private static final int ID_BYTES = 32;

    /** One signed-in person: the CSRF token every change must carry, and when the session began and was last used. */
    static final class Session {
        private final String csrfToken;
        private final Instant started;
        private volatile Instant lastSeen;

        private Session(String csrfToken, Instant started) {
            this.csrfToken = csrfToken;
            this.started = started;
            this.lastSeen = started;
        }

        String csrfToken() {
            return csrfToken;
        }

        /** Whether {@code given} is this session's CSRF token, compared in constant time. */
        boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new session and the cookie value that names it (given to the browser only). */
    record Opened(String cookieValue, Session session) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session after a successful sign-in. */
    Opened open() {
        purge();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastSeen))
                    .ifPresent(e -> sessions.remove(e.getKey()));
        }
        String cookieValue = randomText();
        Session session = new Session(randomText(), clock.instant());
        sessions.put(key(cookieValue), session);
        return new Opened(cookieValue, session);
    }

    /** The live session the cookie names, now marked used; an expired one is ended here. */
    Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String key = key(cookieValue);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(key, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** Ends the session the cookie names (signing out); nothing when there is none. */
    void close(String cookieValue) {
        if (cookieValue != null && !cookieValue.isEmpty() && cookieValue.length() <= 100) {
            sessions.remove(key(cookieValue));
        }
    }

    /** Forgets expired sessions; scheduled, so that memory holds only live ones. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    int size() {
        return sessions.size();
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(IDLE)) || !now.isBefore(s.started.plus(LONGEST));
    }

    private String randomText() {
        byte[] b = new byte[ID_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String key(String cookieValue) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cookieValue.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
