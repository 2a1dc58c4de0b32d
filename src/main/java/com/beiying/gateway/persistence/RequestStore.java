package com.beiying.gateway.persistence;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The correlation store (docs/api.md): one row per operator request, PENDING until its outcome
 * commits, and the nonces seen. Every operator request passes here at least twice, so these are
 * plain Jdbi statements with hand-written row mappers: a SQL Object costs more per call (attach,
 * per-method configuration, reflective mapping) than the database round trip. SQL is in
 * {@code RequestStore/*.sql} on the classpath.
 * <p>
 * The nonce-and-request inserts of concurrent requests are group-committed ({@link GroupCommit}):
 * one statement and one commit for all the requests that arrived while earlier ones were being
 * written, each with the answer it would have had on its own ({@code acceptAll.sql}).
 */
public final class RequestStore {
    private static final String ACCEPT = Sql.of(RequestStore.class, "accept");
    private static final String USE_NONCE = Sql.of(RequestStore.class, "useNonce");
    private static final String FIND = Sql.of(RequestStore.class, "find");
    private static final String COMPLETE = Sql.of(RequestStore.class, "complete");
    private static final String FORGET_PENDING = Sql.of(RequestStore.class, "forgetPending");
    private static final String PURGE_NONCES = Sql.of(RequestStore.class, "purgeExpiredNonces");
    private static final String SUPERSEDE = Sql.of(RequestStore.class, "supersede");
    private static final String ACCEPT_ALL = Sql.of(RequestStore.class, "acceptAll");
    /**
     * Batches written at the same time: a few, so that one slow commit does not hold every request
     * back, and well under the connection pool, which the rest of the ingress shares.
     */
    private static final int ACCEPT_BATCHES_IN_FLIGHT = 4;
    private static final int ACCEPT_BATCH_MAX = 128;

    private final Jdbi jdbi;
    private final GroupCommit<Admit, Acceptance> admits;

    /** A store on the given database. */
    public RequestStore(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.admits = new GroupCommit<>(this::admitAll, this::admitOne, RequestStore::oneItemsFault,
                ACCEPT_BATCHES_IN_FLIGHT, ACCEPT_BATCH_MAX);
    }

    /** A nonce to record and, when requestId is not null, the PENDING request it admits. */
    record Admit(String operatorId, String nonce, Instant nonceExpiresAt, String requestId, String commandType, byte[] fingerprint) {
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

    /** Records the nonce and, only if it was fresh, the PENDING request with its fingerprint. */
    public Acceptance accept(String operatorId, String requestId, String commandType, String nonce, Instant nonceExpiresAt,
                             byte[] fingerprint) {
        return admits.submit(new Admit(operatorId, nonce, nonceExpiresAt, requestId, commandType, fingerprint));
    }

    /** Records a nonce for a request that creates no request row; whether it was fresh. */
    public boolean useNonce(String operatorId, String nonce, Instant expiresAt) {
        return admits.submit(new Admit(operatorId, nonce, expiresAt, null, null, null)).nonceFresh();
    }

    /** One admission on its own, in one round trip. */
    Acceptance admitOne(Admit a) {
        if (a.requestId() == null) {
            return jdbi.withHandle(h -> h.createQuery(USE_NONCE)
                    .bind("operatorId", a.operatorId()).bind("nonce", a.nonce()).bind("expiresAt", a.nonceExpiresAt())
                    .map((rs, ctx) -> new Acceptance(rs.getBoolean(1), false)).one());
        }
        return jdbi.withHandle(h -> h.createQuery(ACCEPT)
                .bind("operatorId", a.operatorId()).bind("requestId", a.requestId()).bind("commandType", a.commandType())
                .bind("nonce", a.nonce()).bind("nonceExpiresAt", a.nonceExpiresAt()).bind("fingerprint", a.fingerprint())
                .map((rs, ctx) -> new Acceptance(rs.getBoolean(1), rs.getBoolean(2))).one());
    }

    /** Several admissions in one statement, each answered as {@link #admitOne} would in this order. */
    List<Acceptance> admitAll(List<Admit> batch) {
        List<String> operatorIds = new ArrayList<>(batch.size());
        List<String> nonces = new ArrayList<>(batch.size());
        List<Long> expiresMicros = new ArrayList<>(batch.size());
        List<String> requestIds = new ArrayList<>(batch.size());
        List<String> commandTypes = new ArrayList<>(batch.size());
        List<String> fingerprints = new ArrayList<>(batch.size());
        HexFormat hex = HexFormat.of();
        for (Admit a : batch) {
            operatorIds.add(a.operatorId());
            nonces.add(a.nonce());
            expiresMicros.add(ChronoUnit.MICROS.between(Instant.EPOCH, a.nonceExpiresAt()));
            requestIds.add(a.requestId());
            commandTypes.add(a.commandType());
            fingerprints.add(a.fingerprint() == null ? null : hex.formatHex(a.fingerprint()));
        }
        return jdbi.withHandle(h -> h.createQuery(ACCEPT_ALL)
                .bindArray("operatorIds", String.class, operatorIds).bindArray("nonces", String.class, nonces)
                .bindArray("expiresMicros", Long.class, expiresMicros).bindArray("requestIds", String.class, requestIds)
                .bindArray("commandTypes", String.class, commandTypes).bindArray("fingerprints", String.class, fingerprints)
                .map((rs, ctx) -> new Acceptance(rs.getBoolean(2), rs.getBoolean(3))).list());
    }

    /**
     * Whether a failed batch statement may have failed because of one admission in it: a data
     * exception (SQLState class 22, a value the column refuses), an integrity violation (23) or a
     * transaction rollback (40, a deadlock or serialization failure), which the admissions on their
     * own may not meet. Anything else (no connection, a timeout, the server going away) would fail
     * each of them alike, after as many waits.
     */
    static boolean oneItemsFault(RuntimeException e) {
        return SqlFailures.inClass(e, "22", "23", "40");
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
