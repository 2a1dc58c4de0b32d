package com.beiying.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.Reply;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec();

    static CommandMessage command() {
        return new CommandMessage("req-0001", "demo", CommandKind.LOGIN, Language.EN,
                Map.of("UserName", FieldInput.string("alice01"), "Money", FieldInput.number("10.50"),
                        "Password", FieldInput.sealedString(new byte[] {1, 2, 3})),
                "gw-1", Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void commandsRoundTripInSingleObjectEncoding() {
        CommandMessage original = command();
        byte[] bytes = codec.encode(original);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decodeCommand(bytes)).isEqualTo(original);
    }

    @Test
    void repliesRoundTrip() {
        ReplyMessage reply = new ReplyMessage("req-0001", "demo", CommandKind.REGISTER, false, "BADNAME", "User name is required.",
                "FIELD_REQUIRED", 2001, "INVALID_USER_NAME", "UserName", false, Map.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(codec.decodeReply(codec.encode(reply))).isEqualTo(reply);
    }

    @Test
    void garbageAndTheWrongRecordTypeAreRefused() {
        assertThatThrownBy(() -> codec.decodeCommand("hello".getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand(null)).isInstanceOf(IllegalArgumentException.class);
        byte[] reply = codec.encode(new ReplyMessage("r", "o", CommandKind.LOGIN, true, "Success", "ok", null, null, null,
                null, false, Map.of(), Instant.EPOCH, Instant.EPOCH));
        assertThatThrownBy(() -> codec.decodeCommand(reply)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsWrittenWithEveryReleasedSchemaStillDecode() throws Exception {
        List<Schema> released = MessageCodec.releasedVersions("Command");
        assertThat(released).isNotEmpty();
        for (Schema schema : released) {
            GenericRecord record = new GenericData.Record(schema);
            record.put("requestId", "old-0001");
            record.put("operatorId", "demo");
            record.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), "REGISTER"));
            record.put("language", "en");
            record.put("fields", Map.of());
            record.put("replyTo", null);
            record.put("createdAt", 1_700_000_000_000L);
            byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
            CommandMessage decoded = codec.decodeCommand(bytes);
            assertThat(decoded.requestId()).isEqualTo("old-0001");
            assertThat(decoded.kind()).isEqualTo(CommandKind.REGISTER);
        }
    }

    @Test
    void latestReleasedSchemasMatchTheCurrentOnes() throws Exception {
        assertThat(SchemaCompatibilityCheck.check(new File("avro/released"),
                Map.of("Command", Command.getClassSchema(), "Reply", Reply.getClassSchema()))).isEmpty();
        assertThat(Files.exists(Path.of("avro/released/Command/v1.avsc"))).isTrue();
    }

    @Test
    void compatibilityCheckRejectsBreakingChanges() {
        Schema v1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
        Schema addedWithoutDefault = SchemaBuilder.record("R").fields().requiredString("a").requiredString("b").endRecord();
        Schema addedWithDefault = SchemaBuilder.record("R").fields().requiredString("a")
                .name("b").type().stringType().stringDefault("x").endRecord();
        Schema retyped = SchemaBuilder.record("R").fields().requiredInt("a").endRecord();
        assertThat(SchemaCompatibilityCheck.compare("R", v1, addedWithoutDefault)).isNotEmpty();
        assertThat(SchemaCompatibilityCheck.compare("R", v1, retyped)).isNotEmpty();
        assertThat(SchemaCompatibilityCheck.compare("R", v1, addedWithDefault)).isEmpty();
    }
}
