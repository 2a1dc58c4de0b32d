package com.beiying.gateway.persistence;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Members' rarer statements: creation, locks, passwords, provider accounts opened, launch targets.
 * What every login and transfer reads is in {@link MemberStore}.
 */
public interface MemberDao {

    /** Inserts a member unless the name is taken; the new id, or empty when taken. */
    @SqlQuery("""
            INSERT INTO members (operator_id, user_name, password_hash, created_request_id)
            VALUES (:operatorId, :userName, :passwordHash, :requestId)
            ON CONFLICT (operator_id, user_name) DO NOTHING
            RETURNING member_id
            """)
    Optional<Long> insert(@Bind("operatorId") String operatorId, @Bind("userName") String userName,
                          @Bind("passwordHash") String passwordHash, @Bind("requestId") String requestId);

    /** Records an opened provider account; a second record of the same account is a no-op. */
    @SqlUpdate("""
            INSERT INTO provider_accounts (member_id, game, account_name) VALUES (:memberId, :game, :account)
            ON CONFLICT (member_id, game) DO NOTHING
            """)
    void recordProviderAccount(@Bind("memberId") long memberId, @Bind("game") String game,
                               @Bind("account") String account);

    /** The provider URL of a launch session issued within the last ten minutes. */
    @SqlQuery("SELECT provider_url FROM launch_sessions WHERE session_id = :sessionId AND created_at > now() - interval '10 minutes'")
    Optional<String> launchTarget(@Bind("sessionId") String sessionId);

    /** Locks or unlocks a member. */
    @SqlUpdate("UPDATE members SET locked = :locked WHERE member_id = :memberId")
    void setLocked(@Bind("memberId") long memberId, @Bind("locked") boolean locked);

    /** Replaces a member's password hash. */
    @SqlUpdate("UPDATE members SET password_hash = :hash WHERE member_id = :memberId")
    void setPasswordHash(@Bind("memberId") long memberId, @Bind("hash") String hash);
}
