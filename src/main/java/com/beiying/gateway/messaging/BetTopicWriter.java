package com.beiying.gateway.messaging;

import com.beiying.gateway.persistence.BetStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes bet revisions to the compacted bets topic (docs/topics.md), keyed
 * {@code <OperatorId>:<BetId>} so that every revision of a bet lands on one partition in order
 * and compaction keeps its latest, framed as {@link ValueFraming} says. The record also names
 * its schema and framing in a {@code content-type} header.
 */
public final class BetTopicWriter {
    private final KafkaTemplate<String, byte[]> template;
    private final MessageCodec codec;
    private final ValueFraming framing;
    private final String topic;
    private final byte[] contentType;

    BetTopicWriter(KafkaTemplate<String, byte[]> template, MessageCodec codec, ValueFraming framing, String topic) {
        this.template = template;
        this.codec = codec;
        this.framing = framing;
        this.topic = topic;
        this.contentType = framing.contentType("BetRecord").getBytes(StandardCharsets.UTF_8);
    }

    /** The topic's key of a bet revision. */
    public static String key(BetStore.Published bet) {
        return bet.operatorId() + ":" + bet.revision().game().code() + "-" + bet.revision().providerBetId();
    }

    /** Sends one revision; the future completes when the broker has it (acks=all). */
    public CompletableFuture<?> send(BetStore.Published bet) {
        byte[] value = framing.registry() ? framing.frame(topic, () -> MessageCodec.betRecord(bet), null) : codec.encode(bet);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(bet), value);
        record.headers().add("content-type", contentType);
        try {
            return template.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The topic written. */
    public String topic() {
        return topic;
    }

    /** Pushes out whatever the producer still holds. */
    public void flush() {
        template.flush();
    }
}
