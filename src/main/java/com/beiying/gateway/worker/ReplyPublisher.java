package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.messaging.ReplyMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes replies and waits for the broker's acknowledgement: the command's offset is committed
 * only after its reply is durable, so a crash in between republishes the stored reply.
 */
public final class ReplyPublisher {
    private final KafkaTemplate<String, ReplyMessage> template;

    /** Publishes with the given template. */
    public ReplyPublisher(KafkaTemplate<String, ReplyMessage> template) {
        this.template = template;
    }

    /** Sends to the topic and waits for the acknowledgement. */
    public void publish(String topic, String key, ReplyMessage reply) {
        ProducerRecord<String, ReplyMessage> record = new ProducerRecord<>(topic, key, reply);
        record.headers().add(Correlation.HEADER, reply.correlationId().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Correlation.TYPE_HEADER, reply.kind().name().getBytes(StandardCharsets.UTF_8));
        try {
            template.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a reply", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reply not acknowledged by the broker", e);
        }
    }
}
