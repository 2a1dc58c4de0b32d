package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Members, their provider accounts and their launch sessions ({@code members},
 * {@code provider_accounts}, {@code launch_sessions}): every statement on these tables is here,
 * as plain Jdbi statements with hand-written row mappers (see {@link RequestStore} for why), SQL
 * in {@code MemberStore/*.sql}.
 */
public final class MemberStore {
    private static final String FIND = Sql.of(MemberStore.class, "find");
    private static final String FIND_AT = Sql.of(MemberStore.class, "findAt");
    private static final String PROVIDER_ACCOUNT = Sql.of(MemberStore.class, "providerAccount");
    private static final String PROVIDER_ACCOUNTS = Sql.of(MemberStore.class, "providerAccounts");
    private static final String RECORD_LAUNCH = Sql.of(MemberStore.class, "recordLaunch");
    private static final String INSERT = Sql.of(MemberStore.class, "insert");
    private static final String RECORD_PROVIDER_ACCOUNT = Sql.of(MemberStore.class, "recordProviderAccount");
    private static final String LAUNCH_TARGET = Sql.of(MemberStore.class, "launchTarget");
    private static final String SET_LOCKED = Sql.of(MemberStore.class, "setLocked");
    private static final String SET_PASSWORD_HASH = Sql.of(MemberStore.class, "setPasswordHash");

    private final Jdbi jdbi;

    /** A store on the given database. */
    public MemberStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A member row. */
    public record Member(long memberId, String operatorId, String userName, String passwordHash, boolean locked,
                         String createdRequestId) {
    }

    /** A member with its account at one provider; {@code account} is null if it was never opened. */
    public record MemberAt(Member member, String account) {
    }

    /** A member's account at one provider and when it was opened. */
    public record ProviderAccount(Game game, String account, Instant openedAt) {
    }

    /** A launch handed to the operator: the session id and where it sends the player. */
    public record Launch(String sessionId, long memberId, Game game, String providerUrl, String platform, String language,
                         String requestId) {
    }

    /** The operator's member with this name, with its account at the game's provider, in one round trip. */
    public Optional<MemberAt> findAt(String operatorId, String userName, Game game) {
        return jdbi.withHandle(h -> h.createQuery(FIND_AT).bind("operatorId", operatorId).bind("userName", userName)
                .bind("game", game.code())
                .map((rs, ctx) -> new MemberAt(member(rs), rs.getString(7)))
                .findOne());
    }

    /** The operator's member with this name. */
    public Optional<Member> find(String operatorId, String userName) {
        return jdbi.withHandle(h -> find(h, operatorId, userName));
    }

    /** {@link #find(String, String)} within the caller's transaction. */
    public static Optional<Member> find(Handle handle, String operatorId, String userName) {
        return handle.createQuery(FIND).bind("operatorId", operatorId).bind("userName", userName)
                .map((rs, ctx) -> member(rs))
                .findOne();
    }

    /** Inserts a member unless the name is taken, within the caller's transaction; the new id, or empty. */
    public static Optional<Long> insert(Handle handle, String operatorId, String userName, String passwordHash, String requestId) {
        return handle.createQuery(INSERT).bind("operatorId", operatorId).bind("userName", userName)
                .bind("passwordHash", passwordHash).bind("requestId", requestId).mapTo(Long.class).findOne();
    }

    /** The member's account name at a provider, if opened. */
    public Optional<String> providerAccount(long memberId, Game game) {
        return jdbi.withHandle(h -> h.createQuery(PROVIDER_ACCOUNT).bind("memberId", memberId).bind("game", game.code())
                .map((rs, ctx) -> rs.getString(1)).findOne());
    }

    /** Every provider account of a member, by game code. */
    public List<ProviderAccount> providerAccounts(long memberId) {
        return jdbi.withHandle(h -> h.createQuery(PROVIDER_ACCOUNTS).bind("memberId", memberId)
                .map((rs, ctx) -> new ProviderAccount(Game.fromCode(rs.getString(1)).orElseThrow(), rs.getString(2),
                        rs.getTimestamp(3).toInstant()))
                .list());
    }

    /** Records an opened provider account; recording it again changes nothing. */
    public void recordProviderAccount(long memberId, Game game, String account) {
        jdbi.useHandle(h -> h.createUpdate(RECORD_PROVIDER_ACCOUNT).bind("memberId", memberId).bind("game", game.code())
                .bind("account", account).execute());
    }

    /** Records a launch session handed to the operator, within the caller's transaction. */
    public static void recordLaunch(Handle handle, Launch launch) {
        handle.createUpdate(RECORD_LAUNCH).bind("sessionId", launch.sessionId()).bind("memberId", launch.memberId())
                .bind("game", launch.game().code()).bind("providerUrl", launch.providerUrl()).bind("platform", launch.platform())
                .bind("language", launch.language()).bind("requestId", launch.requestId()).execute();
    }

    /** Where a launch session issued within the last ten minutes sends the player. */
    public Optional<String> launchTarget(String sessionId) {
        return jdbi.withHandle(h -> h.createQuery(LAUNCH_TARGET).bind("sessionId", sessionId).mapTo(String.class).findOne());
    }

    /** Locks or unlocks a member, within the caller's transaction. */
    public static void setLocked(Handle handle, long memberId, boolean locked) {
        handle.createUpdate(SET_LOCKED).bind("memberId", memberId).bind("locked", locked).execute();
    }

    /** Replaces a member's password hash, within the caller's transaction. */
    public static void setPasswordHash(Handle handle, long memberId, String hash) {
        handle.createUpdate(SET_PASSWORD_HASH).bind("memberId", memberId).bind("hash", hash).execute();
    }

    /** A member from the first six columns, in the order {@code find.sql} and {@code findAt.sql} select them. */
    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6));
    }
}
