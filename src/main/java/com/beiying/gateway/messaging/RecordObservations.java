package com.beiying.gateway.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace of a record read by the gateway's own consumer loops (they are plain Kafka consumers,
 * so spring-kafka's listener observation does not apply): an observation continuing the W3C
 * {@code traceparent} the producer wrote, open while the record is processed. Inside it, log lines
 * carry the producer's trace id, outgoing provider calls and the records published (the templates
 * observe their sends) continue the same trace, and its timer ({@code gateway.command}) measures
 * each command by kind.
 */
public final class RecordObservations {
    /** Observation and timer name of a command's processing. */
    public static final String COMMAND = "gateway.command";

    private final ObservationRegistry registry;

    /** Observes in the given registry (NOOP: nothing is traced or timed). */
    public RecordObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Starts and opens the processing of a command record; close the returned scope when done. */
    public Processing command(ConsumerRecord<?, ?> record, String kind) {
        ReceiverContext<Headers> context = new ReceiverContext<>(RecordObservations::header);
        context.setCarrier(record.headers());
        context.setRemoteServiceName("kafka");
        Observation observation = Observation.createNotStarted(COMMAND, () -> context, registry)
                .contextualName("command " + kind)
                .lowCardinalityKeyValue("kind", kind)
                .highCardinalityKeyValue("messaging.destination.name", record.topic())
                .start();
        return new Processing(observation, observation.openScope());
    }

    /** An open observation: closing it closes the scope, then stops the observation. */
    public record Processing(Observation observation, Observation.Scope scope) implements AutoCloseable {
        /** Records a failure on the observation before it is closed. */
        public void failed(Throwable e) {
            observation.error(e);
        }

        @Override
        public void close() {
            scope.close();
            observation.stop();
        }
    }

    private static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
