package com.beiying.gateway.persistence;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The correlation store (docs/api.md): one row per operator request, PENDING until its outcome
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
    private static final String SUPERSEDE = Sql.of(RequestStore.class, "supersede");

    private final Jdbi jdbi;

    /** A store on the given database. */
    public RequestStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the nonce was fresh, and whether this call created the request row. */
    public record Acceptance(boolean nonceFresh, boolean created) {
    }

    /**
     * A request's state; reply is null while PENDING, fingerprint null when the request did not
     * come over HTTP (or predates fingerprints).
     */
    public record StoredRequest(String status, byte[] reply, byte[] fingerprint, String commandType) {
        /** Whether the outcome is committed. */
        public boolean done() {
            return "DONE".equals(status);
        }

        /** Whether a request with this fingerprint is this same request (unknown fingerprints are given the benefit). */
        public boolean sameAs(byte[] other) {
            return fingerprint == null || other == null || MessageDigest.isEqual(fingerprint, other);
        }
    }

    /** Records the nonce and, only if it was fresh, the PENDING request with its fingerprint, in one round trip. */
    public Acceptance accept(String operatorId, String requestId, String commandType, String nonce, Instant nonceExpiresAt,
                             byte[] fingerprint) {
        return jdbi.withHandle(h -> h.createQuery(ACCEPT)
                .bind("operatorId", operatorId).bind("requestId", requestId).bind("commandType", commandType)
                .bind("nonce", nonce).bind("nonceExpiresAt", nonceExpiresAt).bind("fingerprint", fingerprint)
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
                .map((rs, ctx) -> new StoredRequest(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4))).findOne());
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

    /** Replaces a request's outcome with its final one, within the caller's transaction. */
    public static void supersede(Handle handle, String operatorId, String requestId, String commandType, byte[] reply) {
        handle.createUpdate(SUPERSEDE).bind("operatorId", operatorId).bind("requestId", requestId)
                .bind("commandType", commandType).bind("reply", reply).execute();
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
