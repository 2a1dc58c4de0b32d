package com.beiying.gateway.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The member reads and writes every login and transfer makes, as plain Jdbi statements with
 * hand-written row mappers (see {@link RequestStore} for why). The rarer member statements stay in
 * {@link MemberDao}. SQL is in {@code MemberStore/*.sql} on the classpath.
 */
public final class MemberStore {
    private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.removingComments();
    private static final String FIND = SQL.locate(MemberStore.class, "find");
    private static final String FIND_AT = SQL.locate(MemberStore.class, "findAt");
    private static final String PROVIDER_ACCOUNT = SQL.locate(MemberStore.class, "providerAccount");
    private static final String RECORD_LAUNCH = SQL.locate(MemberStore.class, "recordLaunch");

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

    /** The operator's member with this name, with its account at the game's provider, in one round trip. */
    public Optional<MemberAt> findAt(String operatorId, String userName, String game) {
        return jdbi.withHandle(h -> h.createQuery(FIND_AT).bind("operatorId", operatorId).bind("userName", userName)
                .bind("game", game)
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

    /** A member from the first six columns, in the order {@code find.sql} and {@code findAt.sql} select them. */
    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6));
    }

    /** The member's account name at a provider, if opened. */
    public Optional<String> providerAccount(long memberId, String game) {
        return jdbi.withHandle(h -> h.createQuery(PROVIDER_ACCOUNT).bind("memberId", memberId).bind("game", game)
                .map((rs, ctx) -> rs.getString(1)).findOne());
    }

    /** Records a launch session handed to the operator, within the caller's transaction. */
    public static void recordLaunch(Handle handle, String sessionId, long memberId, String game, String providerUrl,
                                    String platform, String language, String requestId) {
        handle.createUpdate(RECORD_LAUNCH).bind("sessionId", sessionId).bind("memberId", memberId).bind("game", game)
                .bind("providerUrl", providerUrl).bind("platform", platform).bind("language", language)
                .bind("requestId", requestId).execute();
    }
}
