package com.beiying.gateway.messaging.registry;

import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.avro.CommandType;
import com.beiying.gateway.messaging.avro.FieldType;
import com.beiying.gateway.messaging.avro.FieldValue;
import com.beiying.gateway.messaging.avro.Reply;
import com.beiying.gateway.messaging.avro.ReplyStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Schemas and records the registry tests share: a small record in three versions, and a generated class. */
final class RegistryFixtures {
    static final String TOPIC = "beiying.test-bets";
    static final String SUBJECT = TOPIC + "-value";

    private RegistryFixtures() {
    }

    /** The first version of a small record. */
    static Schema betV1() {
        return SchemaBuilder.record("Bet").namespace("com.beiying.test").fields()
                .requiredString("betId")
                .requiredLong("stake")
                .endRecord();
    }

    /** A BACKWARD compatible second version: a new field with a default, so it reads v1 records. */
    static Schema betV2() {
        return SchemaBuilder.record("Bet").namespace("com.beiying.test").fields()
                .requiredString("betId")
                .requiredLong("stake")
                .name("currency").type().stringType().stringDefault("CNY")
                .endRecord();
    }

    /** An incompatible change: a new field without a default cannot be filled in when reading v1 records. */
    static Schema betWithoutDefault() {
        return SchemaBuilder.record("Bet").namespace("com.beiying.test").fields()
                .requiredString("betId")
                .requiredLong("stake")
                .requiredString("game")
                .endRecord();
    }

    /** A record of the given Bet version; fields a version adds take their default or a fixed value. */
    static GenericRecord bet(Schema version, String betId, long stake) {
        GenericRecordBuilder builder = new GenericRecordBuilder(version).set("betId", betId).set("stake", stake);
        if (version.getField("game") != null) {
            builder.set("game", "AG");
        }
        return builder.build();
    }

    /** A reply as a generated class, with a nested record, enums, unions and timestamp-millis. */
    static Reply reply() {
        return Reply.newBuilder()
                .setRequestId("req-0001").setOperatorId("demo").setType(CommandType.TRANSFER).setStatus(ReplyStatus.SUCCESS)
                .setCode("Success").setMessage("成功 \"ok\"").setRetriable(false)
                .setResult(Map.of("Balance", new FieldValue(FieldType.NUMBER, "10.50", null),
                        "Sealed", new FieldValue(FieldType.STRING, null, ByteBuffer.wrap(new byte[] {1, 2, 3}))))
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setCompletedAt(Instant.ofEpochMilli(1_700_000_000_250L))
                .build();
    }

    /**
     * The schemas single-object readers know: every released Reply plus the Bet versions. Going
     * through {@link MessageCodec} also makes Avro trust the generated classes, as in the gateway.
     */
    static SchemaStore singleObjectSchemas() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        MessageCodec.releasedVersions("Reply").forEach(store::addSchema);
        store.addSchema(Reply.getClassSchema());
        store.addSchema(betV1());
        store.addSchema(betV2());
        return store;
    }

    /** The datum in Avro single-object encoding, as {@code MessageCodec} writes commands and replies. */
    static byte[] singleObject(GenericContainer datum) {
        GenericData model = datum instanceof SpecificRecord ? SpecificData.getForClass(datum.getClass()) : GenericData.get();
        var encoder = new BinaryMessageEncoder<GenericContainer>(model, datum.getSchema());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.encode(datum, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
