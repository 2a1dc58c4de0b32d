package com.beiying.gateway.messaging;

import com.beiying.gateway.persistence.OutboxStore;
import org.jdbi.v3.core.Handle;

/**
 * Where handlers put the events of their changes (docs/events.md): in the transaction of the change,
 * encoded once as the Avro {@code Event}, for the relay to publish after the commit. An event that
 * rolls back with its change is never published; one appended again (same id) is appended once.
 */
public final class EventOutbox {
    private final MessageCodec codec;
    private final String topic;
    private volatile Runnable committed = () -> { };

    EventOutbox(MessageCodec codec, String topic) {
        this.codec = codec;
        this.topic = topic;
    }

    /** What to run after a transaction that appended events commits (the relay's wake-up). */
    public void afterCommit(Runnable listener) {
        this.committed = listener;
    }

    /** Appends the event within the caller's transaction; the relay is woken once it commits. */
    public void append(Handle handle, EventMessage event) {
        OutboxStore.append(handle, topic, event.eventId(), event.key(), event.data().type(), event.occurredAt(), codec.encode(event));
        handle.afterCommit(committed);
    }
}
