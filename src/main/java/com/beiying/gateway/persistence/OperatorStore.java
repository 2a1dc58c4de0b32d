package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Operators, their key pairs and their games with each game's credit line ({@code operators},
 * {@code operator_keys}, {@code operator_games}): every statement on these tables is here, its SQL
 * in {@code OperatorStore/*.sql}.
 */
public final class OperatorStore {
    private static final String OPERATORS = Sql.of(OperatorStore.class, "operators");
    private static final String OPERATOR = Sql.of(OperatorStore.class, "operator");
    private static final String OPERATOR_LIST = Sql.of(OperatorStore.class, "operatorList");
    private static final String CREDIT_LINES = Sql.of(OperatorStore.class, "creditLines");
    private static final String GAMES_OF = Sql.of(OperatorStore.class, "gamesOf");
    private static final String ENABLED_GAMES = Sql.of(OperatorStore.class, "enabledGames");
    private static final String USABLE_KEYS = Sql.of(OperatorStore.class, "usableKeys");
    private static final String INSERT_OPERATOR = Sql.of(OperatorStore.class, "insertOperator");
    private static final String INSERT_KEY = Sql.of(OperatorStore.class, "insertKey");
    private static final String EXPIRE_KEYS = Sql.of(OperatorStore.class, "expireKeys");
    private static final String SET_GAMES = Sql.of(OperatorStore.class, "setGames");
    private static final String ENABLE_GAME = Sql.of(OperatorStore.class, "enableGame");
    private static final String SET_STATUS = Sql.of(OperatorStore.class, "setStatus");
    private static final String SET_IP_ALLOWLIST = Sql.of(OperatorStore.class, "setIpAllowlist");
    private static final String SET_LAUNCH_DOMAIN = Sql.of(OperatorStore.class, "setLaunchDomain");
    private static final String SET_ERROR_FORMAT = Sql.of(OperatorStore.class, "setErrorFormat");
    private static final String SET_RATE_LIMIT = Sql.of(OperatorStore.class, "setRateLimit");
    private static final String SET_TIME_ZONE = Sql.of(OperatorStore.class, "setTimeZone");
    private static final String CREDIT_LINE = Sql.of(OperatorStore.class, "creditLine");
    private static final String SET_CREDIT_LIMIT = Sql.of(OperatorStore.class, "setCreditLimit");
    private static final String RESERVE_CREDIT = Sql.of(OperatorStore.class, "reserveCredit");
    private static final String RELEASE_CREDIT = Sql.of(OperatorStore.class, "releaseCredit");
    private static final String[] ALL_GAMES = Arrays.stream(Game.values()).map(Game::code).toArray(String[]::new);

    /** An operator's stored settings; the allowlist as stored, comma-separated. */
    public record OperatorRow(String operatorId, String name, boolean active, List<String> ipAllowlist, String launchDomain,
                              String currency, ErrorFormat errorFormat, Integer rateLimit, boolean kafkaNative,
                              ZoneId timeZone) {
    }

    /** A usable key pair (current, or rotated but inside its overlap); the secret sealed at rest. */
    public record KeyRow(String apiKey, String operatorId, byte[] secretSealed) {
    }

    /** A game enabled for an operator. */
    public record GameRow(String operatorId, String game) {
    }

    /** A new key pair, its secret already sealed. */
    public record NewKey(String apiKey, byte[] secretSealed) {
    }

    /** What a new operator starts with. */
    public record NewOperator(String operatorId, String name, List<String> ipAllowlist, String launchDomain, String currency,
                              ErrorFormat errorFormat, Integer rateLimit, boolean kafkaNative, ZoneId timeZone) {
    }

    /**
     * A change of settings: null leaves a setting as it is, except the two that may be cleared,
     * which say whether they were given.
     */
    public record Patch(Boolean active, List<String> ipAllowlist, boolean launchDomainGiven, String launchDomain,
                        ErrorFormat errorFormat, Collection<Game> games, boolean rateLimitGiven, Integer rateLimit,
                        ZoneId timeZone) {
    }

    /** An operator's credit line for one game. */
    public record CreditLine(String operatorId, String game, BigDecimal creditLimit, BigDecimal creditUsed) {
        /** What may still be transferred in. */
        public BigDecimal available() {
            return creditLimit.subtract(creditUsed);
        }
    }

    /** One game's credit line of an operator and whether the game is enabled for it (the admin list of lines). */
    public record GameLine(CreditLine line, boolean enabled) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public OperatorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Everything the operator directory holds, read as of one moment. */
    public record Everything(List<OperatorRow> operators, List<GameRow> enabledGames, List<KeyRow> usableKeys) {
    }

    /**
     * Every operator with its enabled games and usable keys, from one snapshot of the database, so
     * that an operator created meanwhile is seen whole or not at all.
     */
    public Everything everything() {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> new Everything(
                h.createQuery(OPERATORS).map((rs, ctx) -> operator(rs)).list(),
                h.createQuery(ENABLED_GAMES).map((rs, ctx) -> new GameRow(rs.getString(1), rs.getString(2))).list(),
                h.createQuery(USABLE_KEYS).map((rs, ctx) -> new KeyRow(rs.getString(1), rs.getString(2), rs.getBytes(3))).list()));
    }

    /** One operator. */
    public Optional<OperatorRow> operator(String operatorId) {
        return jdbi.withHandle(h -> h.createQuery(OPERATOR).bind("operatorId", operatorId).map((rs, ctx) -> operator(rs)).findOne());
    }

    /** Every operator, oldest first (the admin list). */
    public List<OperatorRow> operators() {
        return jdbi.withHandle(h -> h.createQuery(OPERATOR_LIST).map((rs, ctx) -> operator(rs)).list());
    }

    /** Every operator's enabled games, as (operator, game) pairs. */
    public List<GameRow> enabledGames() {
        return jdbi.withHandle(h -> h.createQuery(ENABLED_GAMES).map((rs, ctx) -> new GameRow(rs.getString(1), rs.getString(2))).list());
    }

    /** Every game's credit line of one operator, in the catalog's order, also of games it never had. */
    public List<GameLine> creditLines(String operatorId) {
        return jdbi.withHandle(h -> h.createQuery(CREDIT_LINES).bind("operatorId", operatorId).bind("games", ALL_GAMES)
                .map((rs, ctx) -> new GameLine(new CreditLine(rs.getString(1), rs.getString(2), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)), rs.getBoolean(3)))
                .list());
    }

    /** Games enabled for one operator, by code. */
    public List<String> gamesOf(String operatorId) {
        return jdbi.withHandle(h -> h.createQuery(GAMES_OF).bind("operatorId", operatorId).mapTo(String.class).list());
    }


    /** Creates an operator with its first key pair and its games, in one transaction; false if the id exists. */
    public boolean create(NewOperator operator, NewKey key, Collection<Game> games) {
        return jdbi.inTransaction(h -> {
            boolean created = insertOperator(h, operator, key);
            if (created) {
                setGames(h, operator.operatorId(), games);
            }
            return created;
        });
    }

    /** Creates an operator with every game enabled on the given credit line, unless it exists. */
    public void createWithCredit(NewOperator operator, NewKey key, BigDecimal credit) {
        jdbi.useTransaction(h -> {
            if (insertOperator(h, operator, key)) {
                for (String game : ALL_GAMES) {
                    h.createUpdate(ENABLE_GAME).bind("operatorId", operator.operatorId()).bind("game", game)
                            .bind("credit", credit).execute();
                }
            }
        });
    }

    /** Applies a change of settings in one transaction. */
    public void patch(String operatorId, Patch patch) {
        jdbi.useTransaction(h -> {
            if (patch.active() != null) {
                h.createUpdate(SET_STATUS).bind("operatorId", operatorId).bind("status", patch.active() ? "ACTIVE" : "SUSPENDED")
                        .execute();
            }
            if (patch.ipAllowlist() != null) {
                h.createUpdate(SET_IP_ALLOWLIST).bind("operatorId", operatorId)
                        .bind("ipAllowlist", String.join(",", patch.ipAllowlist())).execute();
            }
            if (patch.launchDomainGiven()) {
                h.createUpdate(SET_LAUNCH_DOMAIN).bind("operatorId", operatorId).bind("domain", patch.launchDomain()).execute();
            }
            if (patch.errorFormat() != null) {
                h.createUpdate(SET_ERROR_FORMAT).bind("operatorId", operatorId).bind("format", patch.errorFormat().name()).execute();
            }
            if (patch.games() != null) {
                setGames(h, operatorId, patch.games());
            }
            if (patch.timeZone() != null) {
                h.createUpdate(SET_TIME_ZONE).bind("operatorId", operatorId).bind("timeZone", patch.timeZone().getId()).execute();
            }
            if (patch.rateLimitGiven()) {
                h.createUpdate(SET_RATE_LIMIT).bind("operatorId", operatorId).bind("rateLimit", patch.rateLimit()).execute();
            }
        });
    }

    /** Adds a key pair and ends the older pairs' overlap at {@code overlapUntil}, in one transaction. */
    public void rotate(String operatorId, NewKey key, Instant overlapUntil) {
        jdbi.useTransaction(h -> {
            h.createUpdate(EXPIRE_KEYS).bind("operatorId", operatorId).bind("until", overlapUntil).execute();
            insertKey(h, operatorId, key, null);
        });
    }

    /** The credit line of a game. */
    public Optional<CreditLine> creditLine(String operatorId, Game game) {
        return jdbi.withHandle(h -> h.createQuery(CREDIT_LINE).bind("operatorId", operatorId).bind("game", game.code())
                .map((rs, ctx) -> new CreditLine(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .findOne());
    }

    /** Sets a credit line and answers it as it now stands. */
    public CreditLine setCreditLimit(String operatorId, Game game, BigDecimal limit) {
        jdbi.useHandle(h -> h.createUpdate(SET_CREDIT_LIMIT).bind("operatorId", operatorId).bind("game", game.code())
                .bind("limit", limit).execute());
        return creditLine(operatorId, game).orElseThrow();
    }

    /** Reserves credit for a transfer in, within the caller's transaction; false when the line lacks it. */
    public static boolean reserveCredit(Handle h, String operatorId, String game, BigDecimal amount) {
        return h.createUpdate(RESERVE_CREDIT).bind("operatorId", operatorId).bind("game", game).bind("amount", amount).execute() > 0;
    }

    /** Gives credit back within the caller's transaction. */
    public static void releaseCredit(Handle h, String operatorId, String game, BigDecimal amount) {
        h.createUpdate(RELEASE_CREDIT).bind("operatorId", operatorId).bind("game", game).bind("amount", amount).execute();
    }

    private static boolean insertOperator(Handle h, NewOperator operator, NewKey key) {
        boolean created = h.createUpdate(INSERT_OPERATOR).bind("operatorId", operator.operatorId()).bind("name", operator.name())
                .bind("ipAllowlist", String.join(",", operator.ipAllowlist())).bind("launchDomain", operator.launchDomain())
                .bind("currency", operator.currency()).bind("errorFormat", operator.errorFormat().name())
                .bind("rateLimit", operator.rateLimit()).bind("kafkaNative", operator.kafkaNative())
                .bind("timeZone", operator.timeZone().getId()).execute() > 0;
        if (created) {
            insertKey(h, operator.operatorId(), key, null);
        }
        return created;
    }

    private static void insertKey(Handle h, String operatorId, NewKey key, Instant expiresAt) {
        h.createUpdate(INSERT_KEY).bind("apiKey", key.apiKey()).bind("operatorId", operatorId).bind("secret", key.secretSealed())
                .bind("expiresAt", expiresAt).execute();
    }

    private static void setGames(Handle h, String operatorId, Collection<Game> games) {
        h.createUpdate(SET_GAMES).bind("operatorId", operatorId)
                .bind("enabled", games.stream().map(Game::code).toArray(String[]::new)).bind("all", ALL_GAMES).execute();
    }

    private static OperatorRow operator(ResultSet rs) throws SQLException {
        String allowlist = rs.getString(4);
        return new OperatorRow(rs.getString(1), rs.getString(2), "ACTIVE".equals(rs.getString(3)),
                allowlist == null || allowlist.isEmpty() ? List.of() : List.of(allowlist.split(",")), rs.getString(5),
                rs.getString(6), ErrorFormat.valueOf(rs.getString(7)), rs.getObject(8, Integer.class), rs.getBoolean(9),
                ZoneId.of(rs.getString(10)));
    }
}
