package com.beiying.gateway.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The correlation store (SPEC §5): one row per operator request, PENDING until its outcome commits. */
@RegisterConstructorMapper(RequestDao.Acceptance.class)
@RegisterConstructorMapper(RequestDao.StoredRequest.class)
public interface RequestDao {

    /** Whether the nonce was fresh, and whether this call created the request row. */
    record Acceptance(boolean nonceFresh, boolean created) {
    }

    /** A request's state; reply is null while PENDING. */
    record StoredRequest(String status, byte[] reply) {
        /** Whether the outcome is committed. */
        public boolean done() {
            return "DONE".equals(status);
        }
    }

    /**
     * Records the nonce and, only if it was fresh, the PENDING request, in one round trip. A reused
     * nonce changes nothing; a known request id is left as it is (the caller then waits for it).
     */
    @SqlQuery("""
            WITH nonce AS (
                INSERT INTO request_nonces (operator_id, nonce, expires_at)
                VALUES (:operatorId, :nonce, :nonceExpiresAt)
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), req AS (
                INSERT INTO requests (operator_id, request_id, command_type, status)
                SELECT :operatorId, :requestId, :commandType, 'PENDING' WHERE EXISTS (SELECT 1 FROM nonce)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM nonce) AS nonce_fresh, EXISTS (SELECT 1 FROM req) AS created
            """)
    Acceptance accept(@Bind("operatorId") String operatorId, @Bind("requestId") String requestId,
                      @Bind("commandType") String commandType, @Bind("nonce") String nonce,
                      @Bind("nonceExpiresAt") Instant nonceExpiresAt);

    /** Records a nonce for a request that creates no request row (GET endpoints). */
    @SqlQuery("""
            WITH nonce AS (
                INSERT INTO request_nonces (operator_id, nonce, expires_at) VALUES (:operatorId, :nonce, :expiresAt)
                ON CONFLICT DO NOTHING RETURNING 1
            ) SELECT EXISTS (SELECT 1 FROM nonce)
            """)
    boolean useNonce(@Bind("operatorId") String operatorId, @Bind("nonce") String nonce,
                     @Bind("expiresAt") Instant expiresAt);

    /** The request's state, if the operator has such a request. */
    @SqlQuery("SELECT status, reply FROM requests WHERE operator_id = :operatorId AND request_id = :requestId")
    Optional<StoredRequest> find(@Bind("operatorId") String operatorId, @Bind("requestId") String requestId);

    /**
     * Commits the outcome. Creates the row when the command did not come through the HTTP ingress;
     * returns false when another execution completed it first, in which case the caller must roll
     * back its own effects and answer with the stored reply.
     */
    @SqlUpdate("""
            INSERT INTO requests (operator_id, request_id, command_type, status, reply, completed_at)
            VALUES (:operatorId, :requestId, :commandType, 'DONE', :reply, now())
            ON CONFLICT (operator_id, request_id) DO UPDATE
                SET status = 'DONE', reply = excluded.reply, completed_at = excluded.completed_at
                WHERE requests.status = 'PENDING'
            """)
    boolean complete(@Bind("operatorId") String operatorId, @Bind("requestId") String requestId,
                     @Bind("commandType") String commandType, @Bind("reply") byte[] reply);

    /** Forgets a request that was never published, so a retry with the same id can run. */
    @SqlUpdate("DELETE FROM requests WHERE operator_id = :operatorId AND request_id = :requestId AND status = 'PENDING'")
    void forgetPending(@Bind("operatorId") String operatorId, @Bind("requestId") String requestId);

    /** Drops nonces that can no longer pass the clock check anyway. */
    @SqlUpdate("DELETE FROM request_nonces WHERE expires_at < now()")
    int purgeExpiredNonces();
}
