package com.beiying.gateway.persistence;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Members and their provider accounts and launch sessions. */
@RegisterConstructorMapper(MemberDao.Member.class)
public interface MemberDao {

    /** A member row. */
    record Member(long memberId, String operatorId, String userName, String passwordHash, boolean locked,
                  String createdRequestId) {
    }

    /** Inserts a member unless the name is taken; the new id, or empty when taken. */
    @SqlQuery("""
            INSERT INTO members (operator_id, user_name, password_hash, created_request_id)
            VALUES (:operatorId, :userName, :passwordHash, :requestId)
            ON CONFLICT (operator_id, user_name) DO NOTHING
            RETURNING member_id
            """)
    Optional<Long> insert(@Bind("operatorId") String operatorId, @Bind("userName") String userName,
                          @Bind("passwordHash") String passwordHash, @Bind("requestId") String requestId);

    /** The operator's member with this name. */
    @SqlQuery("""
            SELECT member_id, operator_id, user_name, password_hash, locked, created_request_id
            FROM members WHERE operator_id = :operatorId AND user_name = :userName
            """)
    Optional<Member> find(@Bind("operatorId") String operatorId, @Bind("userName") String userName);

    /** The member's account name at a provider, if opened. */
    @SqlQuery("SELECT account_name FROM provider_accounts WHERE member_id = :memberId AND game = :game")
    Optional<String> providerAccount(@Bind("memberId") long memberId, @Bind("game") String game);

    /** Records an opened provider account; a second record of the same account is a no-op. */
    @SqlUpdate("""
            INSERT INTO provider_accounts (member_id, game, account_name) VALUES (:memberId, :game, :account)
            ON CONFLICT (member_id, game) DO NOTHING
            """)
    void recordProviderAccount(@Bind("memberId") long memberId, @Bind("game") String game,
                               @Bind("account") String account);

    /** Records a launch session handed to the operator. */
    @SqlUpdate("""
            INSERT INTO launch_sessions (session_id, member_id, game, provider_url, platform, language, request_id)
            VALUES (:sessionId, :memberId, :game, :providerUrl, :platform, :language, :requestId)
            """)
    void recordLaunch(@Bind("sessionId") String sessionId, @Bind("memberId") long memberId, @Bind("game") String game,
                      @Bind("providerUrl") String providerUrl, @Bind("platform") String platform,
                      @Bind("language") String language, @Bind("requestId") String requestId);

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
