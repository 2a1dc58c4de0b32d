package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.CommandType;
import com.beiying.gateway.messaging.avro.FieldType;
import com.beiying.gateway.messaging.avro.FieldValue;
import com.beiying.gateway.messaging.avro.Reply;
import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.support.AdminApi.Operator;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 3, acceptance 5: a Kafka-native operator registers and logs in a member through its own
 * topics with a plain producer and consumer and the generated Avro classes; a command naming
 * another operator in its payload still acts for the topic's operator.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaNativeOperatorIntegrationTest extends IntegrationTest {

    @Test
    void nativeOperatorActsThroughItsTopicsAndOnlyForItself() throws Exception {
        Operator op = admin().createLoopback(",\"KafkaNative\":true");
        String commands = "beiying.op." + op.operatorId() + ".commands";
        String replies = "beiying.op." + op.operatorId() + ".replies";
        String name = Fixtures.userName();
        String spoofed = Fixtures.userName();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers(), "key.serializer", StringSerializer.class,
                "value.serializer", ByteArraySerializer.class, "acks", "all"));
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(replies, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(replies, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            Reply registered = roundTrip(producer, consumer, commands, op.operatorId(), "nat-reg-" + name,
                    register(op, "nat-reg-" + name, name, op.operatorId()));
            assertThat(registered.getCode()).isEqualTo("Success");
            assertThat(registered.getOperatorId()).isEqualTo(op.operatorId());

            Reply loggedIn = roundTrip(producer, consumer, commands, op.operatorId(), "nat-login-" + name,
                    command("nat-login-" + name, "demo", CommandType.LOGIN, Map.of(
                            "UserName", text(name), "Game", text("BBIN"))));
            assertThat(loggedIn.getCode()).as(loggedIn.toString()).isEqualTo("Success");
            assertThat(loggedIn.getResult()).containsKeys("Url", "SessionId");

            // Bet records are commands too; the reply carries the records as one JSON array.
            Reply feed = roundTrip(producer, consumer, commands, op.operatorId(), "nat-feed-" + name,
                    command("nat-feed-" + name, "demo", CommandType.BET_FEED, Map.of()));
            assertThat(feed.getCode()).as(feed.toString()).isEqualTo("Success");
            assertThat(feed.getResult().get("Records").getType()).isEqualTo(FieldType.ARRAY);
            assertThat(feed.getResult().get("Records").getText()).isEqualTo("[]");
            assertThat(feed.getResult().get("HasMore").getText()).isEqualTo("false");
            Reply unknownBet = roundTrip(producer, consumer, commands, op.operatorId(), "nat-bet-" + name,
                    command("nat-bet-" + name, "demo", CommandType.BET_RECORD, Map.of("BetId", text("KY-1"))));
            assertThat(unknownBet.getCode()).isEqualTo("ORDER_NOTFOUND");
            assertThat(unknownBet.getErrorId()).isEqualTo(2035);

            // Claims to be "demo" in its payload: the member still lands under the topic's operator.
            Reply claimed = roundTrip(producer, consumer, commands, op.operatorId(), "nat-spoof-" + spoofed,
                    register(op, "nat-spoof-" + spoofed, spoofed, "demo"));
            assertThat(claimed.getCode()).isEqualTo("Success");
            assertThat(claimed.getOperatorId()).isEqualTo(op.operatorId());
        }
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = ? AND user_name = ?", op.operatorId(), spoofed)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = 'demo' AND user_name = ?", spoofed)).isZero();
        // No reply of this operator reached the shared replies topic or another operator's topic.
        assertThat(Topics.readAll(bootstrapServers(), "beiying.replies").stream()
                .noneMatch(r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains(op.operatorId()))).isTrue();
    }

    /**
     * Issue 10, acceptance 5: a password that arrives unsealed is refused, kept nowhere and echoed
     * nowhere; a record that cannot be decoded is answered on the operator's replies topic.
     */
    @Test
    void unsealedPasswordsAndUndecodableRecordsAreAnsweredOnTheOperatorsTopic(CapturedOutput output) throws Exception {
        Operator op = admin().createLoopback(",\"KafkaNative\":true");
        String commands = "beiying.op." + op.operatorId() + ".commands";
        String replies = "beiying.op." + op.operatorId() + ".replies";
        String name = Fixtures.userName();
        String plain = "Plain" + Long.toString(System.nanoTime(), 36) + "9z";
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> consumer = consumer(replies)) {
            String requestId = "nat-plain-" + name;
            Reply refused = roundTrip(producer, consumer, commands, op.operatorId(), requestId, command(requestId, op.operatorId(),
                    CommandType.REGISTER, Map.of("UserName", text(name), "Password", text(plain))));
            assertThat(refused.getCode()).isEqualTo("BADPASSWORD");
            assertThat(refused.getErrorId()).isEqualTo(3023);
            assertThat(refused.getErrorCode()).isEqualTo("SECRET_NOT_SEALED");
            assertThat(refused.getField()).isEqualTo("Password");
            assertThat(refused.toString()).doesNotContain(plain);

            // Single-object encoding's marker with a fingerprint no schema has, then junk.
            byte[] unknown = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42, 42, 42};
            String undecodableId = "nat-junk-" + name;
            ProducerRecord<String, byte[]> junk = new ProducerRecord<>(commands, op.operatorId() + ":" + name, unknown);
            junk.headers().add("beiying-correlation", (op.operatorId() + ":" + undecodableId).getBytes(StandardCharsets.UTF_8));
            producer.send(junk).get();
            Reply undecodable = Topics.awaitReply(consumer, undecodableId);
            assertThat(undecodable.getCode()).isEqualTo("CONTENT");
            assertThat(undecodable.getErrorId()).isEqualTo(3022);
            assertThat(undecodable.getErrorCode()).isEqualTo("UNDECODABLE_COMMAND");
            assertThat(undecodable.getOperatorId()).isEqualTo(op.operatorId());
        }
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = ? AND user_name = ?", op.operatorId(), name)).isZero();
        String hex = HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8));
        for (String table : jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").mapTo(String.class).list())) {
            assertThat(count("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0 OR strpos(t::text, ?) > 0", plain, hex))
                    .as("the unsealed password in table %s", table).isZero();
        }
        assertThat(output.getAll()).doesNotContain(plain);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers(), "key.serializer", StringSerializer.class,
                "value.serializer", ByteArraySerializer.class, "acks", "all"));
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static Command register(Operator op, String requestId, String name, String claimedOperator) {
        // The password is sealed with the operator's own secret: no plain password enters the topic.
        byte[] sealed = FieldSealing.sealForOperator(op.secret(), op.operatorId(), requestId, "Password", "abc12345");
        return command(requestId, claimedOperator, CommandType.REGISTER, Map.of(
                "UserName", text(name),
                "Password", FieldValue.newBuilder().setType(FieldType.STRING).setSealed(ByteBuffer.wrap(sealed)).build()));
    }

    private static FieldValue text(String value) {
        return FieldValue.newBuilder().setType(FieldType.STRING).setText(value).build();
    }

    private static Command command(String requestId, String operatorId, CommandType type, Map<String, FieldValue> fields) {
        return Command.newBuilder().setRequestId(requestId).setOperatorId(operatorId).setType(type).setLanguage("en")
                .setFields(new HashMap<>(fields)).setCreatedAt(Instant.now()).build();
    }

    private static Reply roundTrip(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer,
                                   String topic, String operatorId, String requestId, Command command) throws Exception {
        producer.send(new ProducerRecord<>(topic, operatorId + ":x", command.toByteBuffer().array())).get();
        return Topics.awaitReply(consumer, requestId);
    }

}
