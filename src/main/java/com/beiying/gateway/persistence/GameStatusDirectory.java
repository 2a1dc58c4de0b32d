package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Maintenance windows of the games ({@code game_status}, SQL in {@code GameStatusDirectory/*.sql}),
 * cached like the operator directory so every instance sees an admin change within the refresh
 * period. A window whose end time has passed is over, without anyone having to end it.
 */
public class GameStatusDirectory {
    private static final Logger log = LoggerFactory.getLogger(GameStatusDirectory.class);
    private static final String ALL = Sql.of(GameStatusDirectory.class, "all");
    private static final String SET = Sql.of(GameStatusDirectory.class, "set");

    /** A maintenance window; {@code until} null means until lifted. */
    public record Window(boolean maintenance, Instant until) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Map<Game, Window> windows = Map.of();

    /** Loads the windows at once. */
    public GameStatusDirectory(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        refresh();
    }

    /** The maintenance window in force now, if any. */
    public Optional<Window> maintenance(Game game) {
        Window w = windows.get(game);
        if (w == null || !w.maintenance() || (w.until() != null && !w.until().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(w);
    }

    /** Sets or lifts a window and reloads this instance's view. */
    public void set(Game game, boolean enabled, Instant until) {
        jdbi.useHandle(h -> h.createUpdate(SET).bind("game", game.code()).bind("enabled", enabled).bind("until", until).execute());
        refresh();
    }

    /** Reloads the windows; scheduled. */
    @Scheduled(fixedDelayString = "${gateway.ingress.operator-refresh}")
    public synchronized void refresh() {
        try {
            Map<Game, Window> loaded = new EnumMap<>(Game.class);
            for (Map.Entry<String, Window> row : jdbi.withHandle(h -> h.createQuery(ALL).map((rs, ctx) -> {
                Timestamp until = rs.getTimestamp(3);
                return Map.entry(rs.getString(1), new Window(rs.getBoolean(2), until == null ? null : until.toInstant()));
            }).list())) {
                Game.fromCode(row.getKey()).ifPresent(g -> loaded.put(g, row.getValue()));
            }
            windows = loaded;
        } catch (RuntimeException e) {
            log.warn("game status refresh failed; keeping the previous view: {}", e.toString());
        }
    }
}
