package com.beiying.gateway.persistence;

import com.beiying.gateway.provider.Game;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Maintenance windows of the games, cached like the operator directory so every instance sees an
 * admin change within the refresh period. A window whose end time has passed is over, without
 * anyone having to end it.
 */
public class GameStatusDirectory {
    private static final Logger log = LoggerFactory.getLogger(GameStatusDirectory.class);

    /** A maintenance window; {@code until} null means until lifted. */
    public record Window(boolean maintenance, Instant until) {
    }

    /** The SQL of game windows. */
    @RegisterConstructorMapper(Row.class)
    public interface Dao {
        @SqlQuery("SELECT game, maintenance, maintenance_until AS until FROM game_status")
        List<Row> all();

        @SqlUpdate("""
                INSERT INTO game_status (game, maintenance, maintenance_until) VALUES (:game, :enabled, :until)
                ON CONFLICT (game) DO UPDATE SET maintenance = excluded.maintenance,
                    maintenance_until = excluded.maintenance_until, updated_at = now()
                """)
        void set(@Bind("game") String game, @Bind("enabled") boolean enabled, @Bind("until") Instant until);
    }

    /** A stored row. */
    public record Row(String game, boolean maintenance, Instant until) {
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
        jdbi.useExtension(Dao.class, dao -> dao.set(game.code(), enabled, until));
        refresh();
    }

    /** Reloads the windows; scheduled. */
    @Scheduled(fixedDelayString = "${gateway.ingress.operator-refresh}")
    public void refresh() {
        try {
            Map<Game, Window> loaded = new EnumMap<>(Game.class);
            for (Row row : jdbi.withExtension(Dao.class, Dao::all)) {
                Game.fromCode(row.game()).ifPresent(g -> loaded.put(g, new Window(row.maintenance(), row.until())));
            }
            windows = loaded;
        } catch (RuntimeException e) {
            log.warn("game status refresh failed; keeping the previous view: {}", e.toString());
        }
    }
}
