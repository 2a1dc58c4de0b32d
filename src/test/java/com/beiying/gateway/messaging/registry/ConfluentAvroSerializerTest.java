package com.beiying.gateway.messaging.registry;

import static com.beiying.gateway.messaging.registry.RegistryFixtures.SUBJECT;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.TOPIC;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.bet;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV1;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV2;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betWithoutDefault;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.reply;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.singleObjectSchemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.messaging.avro.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerializerTest {
    private InProcessSchemaRegistry registry;
    private SchemaRegistryClient client;
    private ConfluentAvroSerializer<GenericContainer> serializer;

    @BeforeEach
    void start() throws IOException {
        registry = InProcessSchemaRegistry.start();
        client = new SchemaRegistryClient(registry.url());
        serializer = new ConfluentAvroSerializer<>(client);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** The wire format by its definition: 0x00, the id as a 4-byte big-endian int, then what Avro's binary encoder writes. */
    static <T> byte[] wireFormat(int id, DatumWriter<T> writer, T datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void valuesAreTheMagicByteTheRegisteredIdAndThePlainBinaryBody() throws IOException {
        GenericRecord bet = bet(betV1(), "b1", 5);
        byte[] bytes = serializer.serialize(TOPIC, bet);

        int id = client.register(SUBJECT, betV1());
        assertThat(registry.idsOf(SUBJECT)).containsExactly(id);
        assertThat(bytes[0]).isEqualTo((byte) 0x00);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(bytes).isEqualTo(wireFormat(id, new GenericDatumWriter<>(betV1()), bet));
        // And by hand: "b1" is length 2 (zig-zag 0x04) then its bytes; 5 is zig-zag 0x0A.
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(0x04, 'b', '1', 0x0A);
    }

    @Test
    void generatedClassesAreWrittenWithTheirOwnModel() throws IOException {
        Reply reply = reply();
        byte[] bytes = serializer.serialize("beiying.replies", reply);

        int id = client.register("beiying.replies-value", Reply.getClassSchema());
        assertThat(bytes).isEqualTo(wireFormat(id, new SpecificDatumWriter<>(Reply.class), reply));
        assertThat(new AvroValueReader(client, singleObjectSchemas()).read(bytes, Reply.class)).isEqualTo(reply);
    }

    @Test
    void roundTripsThroughTheReader() {
        AvroValueReader reader = new AvroValueReader(new SchemaRegistryClient(registry.url()), singleObjectSchemas());
        GenericRecord v1 = bet(betV1(), "b1", 5);
        GenericRecord v2 = bet(betV2(), "b2", 7);

        assertThat(reader.read(serializer.serialize(TOPIC, v1), betV1())).isEqualTo(v1);
        assertThat(reader.read(serializer.serialize(TOPIC, v2), betV2())).isEqualTo(v2);
        GenericRecord upgraded = reader.read(serializer.serialize(TOPIC, v1), betV2());
        assertThat(upgraded.get("betId")).hasToString("b1");
        assertThat(upgraded.get("currency")).hasToString("CNY");
        assertThat(registry.idsOf(SUBJECT)).hasSize(2);
    }

    @Test
    void anIncompatibleChangeIsRefusedAtRegistrationAndNothingIsWritten() {
        serializer.serialize(TOPIC, bet(betV1(), "b1", 5));
        assertThatThrownBy(() -> serializer.serialize(TOPIC, bet(betWithoutDefault(), "b2", 7)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining(SUBJECT);
        // Refusals are not remembered as ids: the next attempt asks again, and is refused again.
        assertThatThrownBy(() -> serializer.serialize(TOPIC, bet(betWithoutDefault(), "b3", 9)))
                .isInstanceOf(SchemaRegistryException.class);
        assertThat(registry.idsOf(SUBJECT)).hasSize(1);
    }

    @Test
    void manySerializationsOnManyThreadsRegisterOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                GenericRecord bet = bet(betV1(), "b" + i, i);
                sent.add(threads.submit(() -> serializer.serialize(TOPIC, bet)));
            }
            for (Future<byte[]> f : sent) {
                assertThat(f.get()[0]).isZero();
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < 100; i++) {
            serializer.serialize("beiying.replies", reply());
        }
        assertThat(registry.requests()).containsExactly("POST /subjects/" + SUBJECT + "/versions",
                "POST /subjects/beiying.replies-value/versions");
        assertThat(registry.idsOf(SUBJECT)).hasSize(1);
    }

    @Test
    void aNullValueStaysATombstone() {
        assertThat(serializer.serialize(TOPIC, null)).isNull();
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void itRefusesToBeAKeySerializer() {
        serializer.configure(Map.of(), false);
        assertThatThrownBy(() -> serializer.configure(Map.of(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-value");
    }
}
