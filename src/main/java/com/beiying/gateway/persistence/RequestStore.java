package com.beiying.gateway.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The correlation store (SPEC §5): one row per operator request, PENDING until its outcome
 * commits, and the nonces seen. Every operator request passes here at least twice, so these are
 * plain Jdbi statements with hand-written row mappers: a SQL Object costs more per call (attach,
 * per-method configuration, reflective mapping) than the database round trip. SQL is in
 * {@code RequestStore/*.sql} on the classpath.
 */
public final class RequestStore {
    private static final String ACCEPT = Sql.of(RequestStore.class, "accept");
    private static final String USE_NONCE = Sql.of(RequestStore.class, "useNonce");
    private static final String FIND = Sql.of(RequestStore.class, "find");
    private static final String COMPLETE = Sql.of(RequestStore.class, "complete");
    private static final String FORGET_PENDING = Sql.of(RequestStore.class, "forgetPending");
    private static final String PURGE_NONCES = Sql.of(RequestStore.class, "purgeExpiredNonces");

    private final Jdbi jdbi;

    /** A store on the given database. */
    public RequestStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the nonce was fresh, and whether this call created the request row. */
    public record Acceptance(boolean nonceFresh, boolean created) {
    }

    /** A request's state; reply is null while PENDING. */
    public record StoredRequest(String status, byte[] reply) {
        /** Whether the outcome is committed. */
        public boolean done() {
            return "DONE".equals(status);
        }
    }

    /** Records the nonce and, only if it was fresh, the PENDING request, in one round trip. */
    public Acceptance accept(String operatorId, String requestId, String commandType, String nonce, Instant nonceExpiresAt) {
        return jdbi.withHandle(h -> h.createQuery(ACCEPT)
                .bind("operatorId", operatorId).bind("requestId", requestId).bind("commandType", commandType)
                .bind("nonce", nonce).bind("nonceExpiresAt", nonceExpiresAt)
                .map((rs, ctx) -> new Acceptance(rs.getBoolean(1), rs.getBoolean(2))).one());
    }

    /** Records a nonce for a request that creates no request row; whether it was fresh. */
    public boolean useNonce(String operatorId, String nonce, Instant expiresAt) {
        return jdbi.withHandle(h -> h.createQuery(USE_NONCE)
                .bind("operatorId", operatorId).bind("nonce", nonce).bind("expiresAt", expiresAt)
                .map((rs, ctx) -> rs.getBoolean(1)).one());
    }

    /** The request's state, if the operator has such a request. */
    public Optional<StoredRequest> find(String operatorId, String requestId) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("operatorId", operatorId).bind("requestId", requestId)
                .map((rs, ctx) -> new StoredRequest(rs.getString(1), rs.getBytes(2))).findOne());
    }

    /**
     * Commits the outcome within the caller's transaction. Returns false when another execution
     * completed it first, in which case the caller must roll back its own effects and answer with
     * the stored reply.
     */
    public static boolean complete(Handle handle, String operatorId, String requestId, String commandType, byte[] reply) {
        return handle.createUpdate(COMPLETE).bind("operatorId", operatorId).bind("requestId", requestId)
                .bind("commandType", commandType).bind("reply", reply).execute() > 0;
    }

    /** {@link #complete(Handle, String, String, String, byte[])} on its own. */
    public boolean complete(String operatorId, String requestId, String commandType, byte[] reply) {
        return jdbi.withHandle(h -> complete(h, operatorId, requestId, commandType, reply));
    }

    /** Forgets a request that was never published, so a retry with the same id can run. */
    public void forgetPending(String operatorId, String requestId) {
        jdbi.useHandle(h -> h.createUpdate(FORGET_PENDING).bind("operatorId", operatorId).bind("requestId", requestId).execute());
    }

    /** Drops nonces that can no longer pass the clock check anyway; how many. */
    public int purgeExpiredNonces() {
        return jdbi.withHandle(h -> h.createUpdate(PURGE_NONCES).execute());
    }
}
