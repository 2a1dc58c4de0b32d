package com.beiying.gateway.messaging;

import com.beiying.gateway.persistence.BetStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes bet revisions to the compacted bets topic (docs/topics.md), keyed
 * {@code <OperatorId>:<BetId>} so that every revision of a bet lands on one partition in order
 * and compaction keeps its latest. The record also names its schema in a {@code content-type}
 * header.
 */
public final class BetTopicWriter {
    private static final byte[] CONTENT_TYPE = "application/vnd.apache.avro+binary;record=BetRecord".getBytes(StandardCharsets.UTF_8);

    private final KafkaTemplate<String, byte[]> template;
    private final MessageCodec codec;
    private final String topic;

    BetTopicWriter(KafkaTemplate<String, byte[]> template, MessageCodec codec, String topic) {
        this.template = template;
        this.codec = codec;
        this.topic = topic;
    }

    /** The topic's key of a bet revision. */
    public static String key(BetStore.Published bet) {
        return bet.operatorId() + ":" + bet.revision().game().code() + "-" + bet.revision().providerBetId();
    }

    /** Sends one revision; the future completes when the broker has it (acks=all). */
    public CompletableFuture<?> send(BetStore.Published bet) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(bet), codec.encode(bet));
        record.headers().add("content-type", CONTENT_TYPE);
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
