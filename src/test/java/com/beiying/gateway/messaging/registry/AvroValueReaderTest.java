package com.beiying.gateway.messaging.registry;

import static com.beiying.gateway.messaging.registry.RegistryFixtures.SUBJECT;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.TOPIC;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.bet;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV1;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV2;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.reply;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.singleObject;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.singleObjectSchemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.CommandType;
import com.beiying.gateway.messaging.avro.Reply;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroValueReaderTest {
    private InProcessSchemaRegistry registry;
    private ConfluentAvroSerializer<GenericContainer> serializer;
    private AvroValueReader reader;

    @BeforeEach
    void start() throws IOException {
        registry = InProcessSchemaRegistry.start();
        serializer = new ConfluentAvroSerializer<>(new SchemaRegistryClient(registry.url()));
        // A separate client, as in a consumer process: it learns writer schemas only by id.
        reader = new AvroValueReader(new SchemaRegistryClient(registry.url()), singleObjectSchemas());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void bothEncodingsOfAGeneratedRecordReadAlike() {
        Reply reply = reply();
        byte[] singleObject = singleObject(reply);
        byte[] confluent = serializer.serialize("beiying.replies", reply);
        assertThat(singleObject).startsWith(0xC3, 0x01);
        assertThat(confluent).startsWith(0x00);

        Reply fromSingleObject = reader.read(singleObject, Reply.class);
        Reply fromConfluent = reader.read(confluent, Reply.class);
        assertThat(fromConfluent).isEqualTo(fromSingleObject).isEqualTo(reply);
        assertThat(fromConfluent.getCreatedAt()).isEqualTo(reply.getCreatedAt());
    }

    @Test
    void bothEncodingsOfAGenericRecordReadAlikeAndResolveToTheReadersVersion() {
        GenericRecord v1 = bet(betV1(), "b1", 5);
        byte[] singleObject = singleObject(v1);
        byte[] confluent = serializer.serialize(TOPIC, v1);

        assertThat(reader.read(confluent, betV1())).isEqualTo(reader.read(singleObject, betV1())).isEqualTo(v1);
        GenericRecord asV2 = reader.read(confluent, betV2());
        assertThat(reader.read(singleObject, betV2())).isEqualTo(asV2);
        assertThat(asV2.get("currency")).hasToString("CNY");
    }

    @Test
    void aConsumerFetchesEachWriterSchemaOnce() {
        byte[] value = serializer.serialize(TOPIC, bet(betV1(), "b1", 5));
        int before = registry.requestCount();
        for (int i = 0; i < 50; i++) {
            assertThat(reader.read(value, betV1()).get("stake")).isEqualTo(5L);
        }
        assertThat(registry.requests().subList(before, registry.requestCount())).containsExactly("GET /schemas/ids/1");
    }

    @Test
    void unknownSchemasAreRefusedClearly() {
        byte[] unknownId = {0x00, 0x00, 0x00, 0x00, 0x2A, 0x04, 'b', '1', 0x0A};
        assertThatThrownBy(() -> reader.read(unknownId, betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no schema with id 42");

        byte[] unknownFingerprint = singleObject(bet(SchemaBuilder.record("Stranger").fields().requiredString("betId")
                .requiredLong("stake").endRecord(), "b1", 5));
        assertThatThrownBy(() -> reader.read(unknownFingerprint, betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint");

        byte[] aCommandAsAReply = serializer.serialize("beiying.commands", command());
        assertThatThrownBy(() -> reader.read(aCommandAsAReply, Reply.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode as " + Reply.class.getName());
    }

    @Test
    void badBytesAreRefusedClearly() {
        byte[] good = serializer.serialize(TOPIC, bet(betV1(), "b1", 5));
        assertThatThrownBy(() -> reader.read(null, betV1())).isInstanceOf(IllegalArgumentException.class).hasMessage("no value");
        assertThatThrownBy(() -> reader.read(new byte[0], betV1())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.read("hello".getBytes(), betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with 68 65");
        assertThatThrownBy(() -> reader.read(new byte[] {0x00, 0x00}, betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 header bytes");
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0xC3, 0x01, 0x00}, betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 header bytes");
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(good, good.length - 1), betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode");
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(good, good.length + 1), betV1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes after");
        assertThatThrownBy(() -> reader.read(good, SchemaBuilder.array().items().stringType()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a record");
    }

    @Test
    void aRegistryOutageIsNotMistakenForABadRecord() {
        byte[] value = serializer.serialize(TOPIC, bet(betV1(), "b1", 5));
        registry.failNextWith(503);
        assertThatThrownBy(() -> reader.read(value, betV1()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(reader.read(value, betV1()).get("betId")).hasToString("b1");
        assertThat(registry.requests()).contains("POST /subjects/" + SUBJECT + "/versions");
    }

    private static Command command() {
        return Command.newBuilder().setRequestId("r").setOperatorId("demo")
                .setType(CommandType.LOGIN).setFields(Map.of()).setCreatedAt(Instant.EPOCH).build();
    }
}
