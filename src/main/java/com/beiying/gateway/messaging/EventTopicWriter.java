package com.beiying.gateway.messaging;

import com.beiying.gateway.persistence.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes outbox events to the events topic (docs/events.md), keyed {@code <OperatorId>:<UserName>},
 * with the CloudEvents Kafka protocol binding in binary mode: {@code ce_id} (the EventId),
 * {@code ce_type} ({@code com.beiying.gateway.<EventType>}), {@code ce_source}, {@code ce_time},
 * {@code ce_specversion} and {@code content-type}, plus the gateway's correlation header.
 */
public final class EventTopicWriter {
    /** The CloudEvents source of every event: this gateway, per operator. */
    static final String SOURCE_PREFIX = "/beiying-gateway/operators/";

    private final KafkaTemplate<String, byte[]> template;
    private final MessageCodec codec;
    private final ValueFraming framing;
    private final String topic;

    EventTopicWriter(KafkaTemplate<String, byte[]> template, MessageCodec codec, ValueFraming framing, String topic) {
        this.template = template;
        this.codec = codec;
        this.framing = framing;
        this.topic = topic;
    }

    /** The topic written. */
    public String topic() {
        return topic;
    }

    /** Sends one event; the future completes when the broker has it (acks=all). */
    public CompletableFuture<?> send(OutboxStore.Row row) {
        var event = framing.registry() ? codec.decodeEvent(row.payload()) : null;
        byte[] value = framing.frame(topic, () -> event, row.payload());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, row.occurredAt().toEpochMilli(), row.key(), value);
        Headers h = record.headers();
        h.add("ce_id", bytes(row.eventId()));
        h.add("ce_type", bytes("com.beiying.gateway." + row.type()));
        h.add("ce_source", bytes(SOURCE_PREFIX + row.key().substring(0, row.key().indexOf(':'))));
        h.add("ce_time", bytes(row.occurredAt().toString()));
        h.add("ce_specversion", bytes("1.0"));
        h.add("content-type", bytes(framing.contentType("Event")));
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Pushes out whatever the producer still holds. */
    public void flush() {
        template.flush();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
