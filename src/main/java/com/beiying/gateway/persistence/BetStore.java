package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.RecordsBy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Bet records (docs/bets.md): the latest revision of every bet ({@code bets}), every revision in
 * commit order ({@code bet_revisions}), how far each provider is collected ({@code bet_collection})
 * and how far a relay has published ({@code relay_positions}). SQL in {@code BetStore/*.sql}.
 *
 * <p>Writers ({@link #upsert}, then {@link #sequence}) run inside the caller's transaction so that
 * records, their revisions and the collector's position commit together; {@link #sequence} takes
 * positions under a lock held to commit, which is what makes the feed safe against transactions
 * that commit out of the order they began in.
 */
public final class BetStore {
    private static final String UPSERT = Sql.of(BetStore.class, "upsert");
    private static final String LOCK_SEQUENCE = Sql.of(BetStore.class, "lockSequence");
    private static final String SEQUENCE = Sql.of(BetStore.class, "sequence");
    private static final String RECORDS = Sql.of(BetStore.class, "records");
    private static final String COUNT = Sql.of(BetStore.class, "count");
    private static final String FEED = Sql.of(BetStore.class, "feed");
    private static final String BET = Sql.of(BetStore.class, "bet");
    private static final String RELAY_BATCH = Sql.of(BetStore.class, "relayBatch");
    private static final String RELAY_POSITION = Sql.of(BetStore.class, "relayPosition");
    private static final String SET_RELAY_POSITION = Sql.of(BetStore.class, "setRelayPosition");
    private static final String COLLECTION = Sql.of(BetStore.class, "collection");
    private static final String SET_COLLECTION = Sql.of(BetStore.class, "setCollection");
    private static final String MEMBER_BETS = Sql.of(BetStore.class, "memberBets");
    private static final String PURGE_REVISIONS = Sql.of(BetStore.class, "purgeRevisions");

    /**
     * A bet as a collector saw it at its provider, already normalised (money exact with two
     * decimals, times as instants); {@code account} is the provider account name that placed it.
     */
    public record Observed(String providerBetId, String account, String gameId, String roundId, String currency,
                           BigDecimal betAmount, BigDecimal validBet, BigDecimal payout, BetStatus status, Instant betTime,
                           Instant settledAt, Instant providerUpdatedAt) {
    }

    /** One revision of a bet as the API shows it; {@code position} is its place in the feed (0 outside it). */
    public record Revision(Game game, String providerBetId, String userName, String gameId, String roundId, String currency,
                           BigDecimal betAmount, BigDecimal validBet, BigDecimal payout, BetStatus status, Instant betTime,
                           Instant settledAt, Instant updatedAt, int revision, long position) {
    }

    /** A revision with its operator and the operator's time zone, as a relay publishes it. */
    public record Published(String operatorId, ZoneId timeZone, Revision revision) {
    }

    /** One page of a window query and the window's total. */
    public record Page(List<Revision> records, long total) {
    }

    /** How far one provider's records are collected; {@code sweptTo} only for providers selected by bet time. */
    public record Progress(Instant collectedTo, Instant sweptTo) {
    }

    /** What a member's bets at one game did to its provider balance (docs/bets.md, "Reconciliation"). */
    public record MemberBets(long memberId, Game game, BigDecimal settledWinLoss, BigDecimal openStakes, long bets) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public BetStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    // ---- Collection --------------------------------------------------------------------------------------

    /**
     * Records one provider's bets within the caller's transaction: bets of accounts that are not
     * ours are ignored, a known bet gets a new revision only when its content changed. Returns the
     * provider bet ids that got a revision; pass them to {@link #sequence} before committing.
     */
    public static List<String> upsert(Handle h, Game game, List<Observed> bets) {
        if (bets.isEmpty()) {
            return List.of();
        }
        return h.createQuery(UPSERT).bind("game", game.code())
                .bindArray("ids", String.class, column(bets, Observed::providerBetId))
                .bindArray("accounts", String.class, column(bets, Observed::account))
                .bindArray("gameIds", String.class, column(bets, Observed::gameId))
                .bindArray("roundIds", String.class, column(bets, Observed::roundId))
                .bindArray("currencies", String.class, column(bets, Observed::currency))
                .bindArray("betAmounts", String.class, column(bets, b -> b.betAmount().toPlainString()))
                .bindArray("validBets", String.class, column(bets, b -> b.validBet().toPlainString()))
                .bindArray("payouts", String.class, column(bets, b -> b.payout().toPlainString()))
                .bindArray("statuses", String.class, column(bets, b -> b.status().name()))
                .bindArray("betTimes", String.class, column(bets, b -> b.betTime().toString()))
                .bindArray("settledAts", String.class, column(bets, b -> b.settledAt() == null ? null : b.settledAt().toString()))
                .bindArray("providerUpdatedAts", String.class, column(bets, b -> b.providerUpdatedAt().toString()))
                .mapTo(String.class).list();
    }

    /**
     * Appends the new revisions of the given bets to the feed's log, in the caller's transaction,
     * holding the sequencing lock until it ends. Call it last, just before committing: the lock
     * serialises only this step and the commit.
     */
    public static void sequence(Handle h, Game game, List<String> providerBetIds) {
        if (providerBetIds.isEmpty()) {
            return;
        }
        h.createQuery(LOCK_SEQUENCE).mapTo(String.class).one();
        h.createUpdate(SEQUENCE).bind("game", game.code()).bindArray("ids", String.class, providerBetIds).execute();
    }

    /** How far a provider's records are collected, if ever. */
    public Optional<Progress> progress(Game game) {
        return jdbi.withHandle(h -> h.createQuery(COLLECTION).bind("game", game.code())
                .map((rs, ctx) -> new Progress(instant(rs, 1), instant(rs, 2))).findOne());
    }

    /** Moves a provider's collection edge, in the caller's transaction. */
    public static void setProgress(Handle h, Game game, Progress progress) {
        h.createUpdate(SET_COLLECTION).bind("game", game.code()).bind("collectedTo", progress.collectedTo())
                .bind("sweptTo", progress.sweptTo()).execute();
    }

    // ---- Queries -----------------------------------------------------------------------------------------

    /** One page of an operator's latest records whose {@code by} time lies in {@code [start, end)}. */
    public Page records(String operatorId, Game game, RecordsBy by, Instant start, Instant end, int page, int pageSize) {
        String column = switch (by) {
            case UPDATED_AT -> "updated_at";
            case BET_TIME -> "bet_time";
            case SETTLED_AT -> "settled_at";
        };
        return jdbi.withHandle(h -> {
            List<long[]> totals = new ArrayList<>(1);
            List<Revision> rows = h.createQuery(RECORDS).define("by", column).bind("operatorId", operatorId)
                    .bind("start", start).bind("end", end).bind("game", game == null ? null : game.code())
                    .bind("limit", pageSize).bind("offset", (long) (page - 1) * pageSize)
                    .map((rs, ctx) -> {
                        if (totals.isEmpty()) {
                            totals.add(new long[] {rs.getLong("total")});
                        }
                        return revision(rs);
                    }).list();
            long total = !totals.isEmpty() ? totals.get(0)[0]
                    : h.createQuery(COUNT).define("by", column).bind("operatorId", operatorId).bind("start", start)
                    .bind("end", end).bind("game", game == null ? null : game.code()).mapTo(Long.class).one();
            return new Page(rows, total);
        });
    }

    /** Up to {@code limit} of an operator's revisions after {@code position}, in commit order. */
    public List<Revision> feed(String operatorId, long position, int limit) {
        return jdbi.withHandle(h -> h.createQuery(FEED).bind("operatorId", operatorId).bind("after", position)
                .bind("limit", limit).map((rs, ctx) -> revision(rs)).list());
    }

    /** One of an operator's bets; another operator's is empty, as an unknown one. */
    public Optional<Revision> bet(String operatorId, Game game, String providerBetId) {
        return jdbi.withHandle(h -> h.createQuery(BET).bind("operatorId", operatorId).bind("game", game.code())
                .bind("providerBetId", providerBetId).map((rs, ctx) -> revision(rs)).findOne());
    }

    /** Per member and game of the given members, the sums reconciliation needs; a null game selects every game. */
    public List<MemberBets> memberBets(Collection<Long> memberIds, Game game) {
        return jdbi.withHandle(h -> h.createQuery(MEMBER_BETS).bindArray("memberIds", Long.class, memberIds)
                .bind("game", game == null ? null : game.code())
                .map((rs, ctx) -> new MemberBets(rs.getLong(1), Game.fromCode(rs.getString(2)).orElseThrow(), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getLong(5))).list());
    }

    /** Forgets up to {@code limit} revisions stored before {@code before}; how many. */
    public int purgeRevisions(Instant before, int limit) {
        return jdbi.withHandle(h -> h.createUpdate(PURGE_REVISIONS).bind("before", before).bind("limit", limit).execute());
    }

    // ---- Relays ------------------------------------------------------------------------------------------

    /** How far a relay has published; 0 before its first record. */
    public long relayPosition(String relay) {
        return jdbi.withHandle(h -> h.createQuery(RELAY_POSITION).bind("relay", relay).mapTo(Long.class).findOne().orElse(0L));
    }

    /** Moves a relay's position forward (never back), in the caller's transaction. */
    public static void setRelayPosition(Handle h, String relay, long position) {
        h.createUpdate(SET_RELAY_POSITION).bind("relay", relay).bind("position", position).execute();
    }

    /** Up to {@code limit} revisions of every operator after {@code position}, in commit order. */
    public List<Published> relayBatch(long position, int limit) {
        return jdbi.withHandle(h -> h.createQuery(RELAY_BATCH).bind("after", position).bind("limit", limit)
                .map((rs, ctx) -> new Published(rs.getString("operator_id"), ZoneId.of(rs.getString("time_zone")), revision(rs)))
                .list());
    }

    private static Revision revision(ResultSet rs) throws SQLException {
        return new Revision(Game.fromCode(rs.getString("game")).orElseThrow(), rs.getString("provider_bet_id"),
                rs.getString("user_name"), rs.getString("game_id"), rs.getString("round_id"), rs.getString("currency"),
                rs.getBigDecimal("bet_amount"), rs.getBigDecimal("valid_bet"), rs.getBigDecimal("payout"),
                BetStatus.valueOf(rs.getString("status")), instant(rs, "bet_time"), instant(rs, "settled_at"),
                instant(rs, "updated_at"), rs.getInt("revision"), rs.getLong("position"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> column(List<Observed> bets, Function<Observed, String> value) {
        List<String> out = new ArrayList<>(bets.size());
        for (Observed b : bets) {
            out.add(value.apply(b));
        }
        return out;
    }
}
