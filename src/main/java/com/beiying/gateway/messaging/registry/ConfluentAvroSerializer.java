package com.beiying.gateway.messaging.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes record values in the Confluent wire format, so consumers that only speak a schema
 * registry (Kafka Connect, ksqlDB, analytics) read the gateway's topics: byte {@code 0x00}, the
 * schema's registry id as a 4-byte big-endian int, then the Avro binary encoding of the datum.
 * The subject is {@code <topic>-value} (the registry's TopicNameStrategy). A schema is registered
 * the first time it is written to a topic; after that the id comes from memory, so steady-state
 * serialization makes no HTTP call. A refused registration (an incompatible change) is thrown as
 * {@link SchemaRegistryException}, never written. A null value stays null: a tombstone on a
 * compacted topic. Thread-safe.
 */
public final class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {
    /** The first byte of every Confluent-framed value. */
    static final byte MAGIC = 0x00;

    private final SchemaRegistryClient registry;
    /**
     * Ids by topic and schema instance, ahead of the client's own cache: a generated class and
     * a GenericRecord's schema are the same object record after record, so this lookup is an
     * identity hit, while the client's key needs the schema's JSON text.
     */
    private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();

    private record TopicSchema(String topic, Schema schema) {
    }

    /** A serializer registering through the given client. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** The registry subject of a topic's values (TopicNameStrategy). */
    static String subject(String topic) {
        return topic + "-value";
    }

    /** Values only: as a key serializer it would register keys under the values' subject. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            throw new IllegalArgumentException("ConfluentAvroSerializer writes record values (subject <topic>-value), not keys");
        }
    }

    @Override
    public byte[] serialize(String topic, T datum) {
        if (datum == null) {
            return null;
        }
        Schema schema = datum.getSchema();
        // computeIfAbsent: concurrent first records of one schema register it once.
        int id = ids.computeIfAbsent(new TopicSchema(topic, schema), k -> registry.register(subject(topic), schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer(datum, schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode a " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * A generated class is written through its own model, which carries its logical-type
     * conversions (an {@code Instant} for a timestamp-millis); anything else generically.
     */
    private static <T> DatumWriter<T> writer(T datum, Schema schema) {
        if (datum instanceof SpecificRecord) {
            return new SpecificDatumWriter<>(schema, SpecificData.getForClass(datum.getClass()));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }
}
