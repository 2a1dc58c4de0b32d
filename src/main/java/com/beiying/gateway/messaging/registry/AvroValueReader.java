package com.beiying.gateway.messaging.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an Avro value in either framing a topic may carry, so a consumer keeps working while
 * producers move from one to the other: the Confluent wire format (first byte {@code 0x00}, a
 * 4-byte big-endian registry id, the body; writer schema fetched through the registry client) or
 * Avro single-object encoding (marker {@code C3 01}, the writer schema's 8-byte little-endian
 * CRC-64-AVRO fingerprint, the body; writer schema found in a {@link SchemaStore}). Either way the
 * body is resolved from the writer's schema to the reader's, so old records read as the current
 * shape. Bytes that are neither, an unknown id or fingerprint, or a body that does not decode are
 * an {@link IllegalArgumentException} (a bad record, to be dead-lettered); a registry that fails
 * is a {@link SchemaRegistryException} (to be retried). Thread-safe.
 *
 * <p>Generated classes must be trusted by Avro's {@code ClassSecurityValidator}, as
 * {@code MessageCodec} trusts the gateway's own.
 */
public final class AvroValueReader {
    private static final int CONFLUENT_HEADER = 5;
    private static final byte SINGLE_OBJECT_0 = (byte) 0xC3;
    private static final byte SINGLE_OBJECT_1 = 0x01;
    private static final int SINGLE_OBJECT_HEADER = 10;

    private final SchemaRegistryClient registry;
    private final SchemaStore singleObjectSchemas;
    private final Map<Resolution, DatumReader<?>> readers = new ConcurrentHashMap<>();

    /** The writer schema of one value and where its body starts. */
    private record Written(Schema schema, int bodyOffset, String origin) {
    }

    /** One writer-to-reader resolution and the data model that builds the result. */
    private record Resolution(Schema writer, Schema reader, GenericData model) {
    }

    /** A reader finding Confluent writer schemas through the registry and single-object ones in the store. */
    public AvroValueReader(SchemaRegistryClient registry, SchemaStore singleObjectSchemas) {
        this.registry = registry;
        this.singleObjectSchemas = singleObjectSchemas;
    }

    /**
     * The value as an instance of a generated class.
     *
     * @throws IllegalArgumentException when the bytes are not a value of a known schema readable as the class
     */
    public <T extends SpecificRecord> T read(byte[] value, Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return decode(value, model.getSchema(type), model);
    }

    /**
     * The value as a generic record of the given record schema.
     *
     * @throws IllegalArgumentException when the bytes are not a value of a known schema readable as that schema
     */
    public GenericRecord read(byte[] value, Schema readerSchema) {
        if (readerSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("a reader schema must be a record, not " + readerSchema.getType());
        }
        return decode(value, readerSchema, GenericData.get());
    }

    private <T> T decode(byte[] value, Schema reader, GenericData model) {
        Written written = writerOf(value);
        @SuppressWarnings("unchecked")
        DatumReader<T> datumReader = (DatumReader<T>) readers.computeIfAbsent(new Resolution(written.schema(), reader, model),
                r -> r.model() instanceof SpecificData specific
                        ? new SpecificDatumReader<>(r.writer(), r.reader(), specific)
                        : new GenericDatumReader<>(r.writer(), r.reader(), r.model()));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, written.bodyOffset(), value.length - written.bodyOffset(), null);
        T datum;
        boolean trailing;
        try {
            datum = datumReader.read(null, decoder);
            trailing = !decoder.isEnd();
        } catch (SecurityException e) {
            // An untrusted generated class is the deployment's mistake, not the record's.
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a value written with " + written.origin() + " does not decode as "
                    + reader.getFullName() + ": " + e, e);
        }
        if (trailing) {
            throw new IllegalArgumentException("a value written with " + written.origin() + " has bytes after its "
                    + written.schema().getFullName() + " body");
        }
        return datum;
    }

    private Written writerOf(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("no value");
        }
        if (value[0] == ConfluentAvroSerializer.MAGIC) {
            if (value.length < CONFLUENT_HEADER) {
                throw new IllegalArgumentException("a Confluent-framed value needs 5 header bytes, got " + value.length);
            }
            int id = ByteBuffer.wrap(value, 1, 4).getInt();
            Schema schema;
            try {
                schema = registry.schemaById(id);
            } catch (SchemaRegistryException e) {
                if (e.status() == 404) {
                    throw new IllegalArgumentException("no schema with id " + id + " in the schema registry", e);
                }
                throw e;
            }
            return new Written(schema, CONFLUENT_HEADER, "schema id " + id + " (" + schema.getFullName() + ")");
        }
        if (value[0] == SINGLE_OBJECT_0 && value.length > 1 && value[1] == SINGLE_OBJECT_1) {
            if (value.length < SINGLE_OBJECT_HEADER) {
                throw new IllegalArgumentException("a single-object encoded value needs 10 header bytes, got " + value.length);
            }
            long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            Schema schema = singleObjectSchemas.findByFingerprint(fingerprint);
            if (schema == null) {
                throw new IllegalArgumentException("no known schema has the fingerprint " + String.format("%016x", fingerprint)
                        + " of this single-object encoded value");
            }
            return new Written(schema, SINGLE_OBJECT_HEADER, "fingerprint " + String.format("%016x", fingerprint) + " ("
                    + schema.getFullName() + ")");
        }
        throw new IllegalArgumentException(String.format("neither the Confluent wire format (00) nor Avro single-object encoding"
                + " (C3 01): the value starts with %s", hex(value, Math.min(value.length, 2))));
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
        }
        return out.toString();
    }
}
