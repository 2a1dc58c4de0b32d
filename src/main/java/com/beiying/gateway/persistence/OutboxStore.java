package com.beiying.gateway.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The events outbox ({@code outbox}, docs/events.md): an event is appended in the transaction of
 * the change it tells of, so it exists exactly when the change committed; a relay publishes the
 * unrelayed ones in the order they were written and marks them; relayed ones are pruned later.
 * SQL in {@code OutboxStore/*.sql}.
 */
public final class OutboxStore {
    private static final String APPEND = Sql.of(OutboxStore.class, "append");
    private static final String UNRELAYED = Sql.of(OutboxStore.class, "unrelayed");
    private static final String MARK_RELAYED = Sql.of(OutboxStore.class, "markRelayed");
    private static final String PRUNE = Sql.of(OutboxStore.class, "prune");
    private static final String BACKLOG = Sql.of(OutboxStore.class, "backlog");

    /** An event as stored: its row id (the relay's order), id, Kafka key, type, time and encoded value. */
    public record Row(long id, String eventId, String key, String type, Instant occurredAt, byte[] payload) {
    }

    /** Events not yet relayed, and since when the oldest waits (null when none). */
    public record Backlog(long events, Instant oldest) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Appends an event for the given topic within the caller's transaction; an event id already
     * there is not appended again.
     */
    public static void append(Handle h, String topic, String eventId, String key, String type, Instant occurredAt, byte[] payload) {
        h.createUpdate(APPEND).bind("topic", topic).bind("eventId", eventId).bind("key", key).bind("type", type)
                .bind("occurredAt", occurredAt).bind("payload", payload).execute();
    }

    /** Up to {@code limit} unrelayed events of a topic, oldest first. */
    public List<Row> unrelayed(String topic, int limit) {
        return jdbi.withHandle(h -> h.createQuery(UNRELAYED).bind("topic", topic).bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getBytes(6))).list());
    }

    /** Marks events relayed, within the caller's transaction. */
    public static void markRelayed(Handle h, List<Long> ids) {
        h.createUpdate(MARK_RELAYED).bindArray("ids", Long.class, ids).execute();
    }

    /** Forgets up to {@code limit} events relayed before {@code before}; how many. */
    public int prune(Instant before, int limit) {
        return jdbi.withHandle(h -> h.createUpdate(PRUNE).bind("before", before).bind("limit", limit).execute());
    }

    /** How many events of a topic wait to be relayed. */
    public Backlog backlog(String topic) {
        return jdbi.withHandle(h -> h.createQuery(BACKLOG).bind("topic", topic).map((rs, ctx) -> {
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        }).one());
    }
}
