package com.beiying.gateway.messaging;

import com.beiying.gateway.messaging.registry.ConfluentAvroSerializer;
import com.beiying.gateway.messaging.registry.SchemaRegistryClient;
import java.net.URI;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * How the values of the events and bets topics are framed (docs/events.md, "Encodings"): Avro
 * single-object encoding by default, which needs no registry; the Confluent wire format when
 * {@code gateway.kafka.schema-registry-url} is set, the schema registered under
 * {@code <topic>-value} on first use, so Confluent's own deserializer, Karapace or Apicurio read
 * the topics. Gateway readers accept both ({@code registry.AvroValueReader}).
 */
final class ValueFraming {
    private final ConfluentAvroSerializer<SpecificRecord> registry;

    private ValueFraming(ConfluentAvroSerializer<SpecificRecord> registry) {
        this.registry = registry;
    }

    /** Single-object encoding, or the registry's framing when a registry URL is given (blank: none). */
    static ValueFraming of(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) {
            return new ValueFraming(null);
        }
        return new ValueFraming(new ConfluentAvroSerializer<>(new SchemaRegistryClient(URI.create(registryUrl))));
    }

    /** Whether values go through a schema registry. */
    boolean registry() {
        return registry != null;
    }

    /** The value of a record: its single-object bytes as given, or the record framed for the registry. */
    byte[] frame(String topic, Supplier<? extends SpecificRecord> record, byte[] singleObject) {
        return registry == null ? singleObject : registry.serialize(topic, record.get());
    }

    /** The {@code content-type} header of the values. */
    String contentType(String record) {
        return "application/vnd.apache.avro+binary;record=" + record + ";encoding=" + (registry == null ? "single-object" : "confluent");
    }
}
