package com.beiying.gateway.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Leases ({@code leases}): work that must run on one instance at a time (a provider's collector, a
 * relay) is done by whoever holds its lease. A holder renews it well within its time; one that
 * dies loses it when it expires, and the next taker raises the epoch. Writes made under a lease
 * call {@link #holds} in their own transaction, which both checks the lease and keeps a taker
 * waiting until they commit: nothing is ever written under a lease that changed hands.
 */
public final class LeaseStore {
    private static final String ACQUIRE = Sql.of(LeaseStore.class, "acquire");
    private static final String HOLDS = Sql.of(LeaseStore.class, "holds");
    private static final String RELEASE = Sql.of(LeaseStore.class, "release");
    private static final String HOLDERS = Sql.of(LeaseStore.class, "holders");

    /** A lease held: its name, holder and epoch (which changes with every new holder). */
    public record Lease(String name, String holder, long epoch) {
    }

    /** A lease as stored, for the admin view. */
    public record Holder(String name, String holder, long epoch, Instant expiresAt) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public LeaseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Takes the lease if it is free or expired, or renews it if it is ours; empty when someone else holds it. */
    public Optional<Lease> acquire(String name, String holder, Duration ttl) {
        return jdbi.withHandle(h -> h.createQuery(ACQUIRE).bind("name", name).bind("holder", holder)
                .bind("ttlMillis", ttl.toMillis()).mapTo(Long.class).findOne().map(epoch -> new Lease(name, holder, epoch)));
    }

    /** Within a write's transaction: whether the lease is still ours (a taker now waits for this transaction). */
    public static boolean holds(Handle h, Lease lease) {
        return h.createQuery(HOLDS).bind("name", lease.name()).bind("holder", lease.holder()).bind("epoch", lease.epoch())
                .mapTo(Integer.class).findOne().isPresent();
    }

    /** Gives the lease up at once, if it is still ours. */
    public void release(Lease lease) {
        jdbi.useHandle(h -> h.createUpdate(RELEASE).bind("name", lease.name()).bind("holder", lease.holder()).execute());
    }

    /** Leases whose names start with {@code prefix}. */
    public List<Holder> holders(String prefix) {
        return jdbi.withHandle(h -> h.createQuery(HOLDERS).bind("prefix", prefix + "%")
                .map((rs, ctx) -> new Holder(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant())).list());
    }
}
