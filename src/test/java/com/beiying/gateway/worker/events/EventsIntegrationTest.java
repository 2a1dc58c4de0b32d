package com.beiying.gateway.worker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The events topic (docs/events.md): what members do produces exactly its events, in order, keyed
 * by member, readable by a plain Avro reader from the schema file alone, with CloudEvents headers;
 * nothing is lost while the relay is down, a repeated command adds nothing, a rolled-back change
 * publishes nothing.
 */
class EventsIntegrationTest extends IntegrationTest {
    private static final Schema EVENT = parse();

    @Autowired
    private EventRelay relay;
    @Autowired
    private EventOutbox outbox;

    @Test
    void aMembersDayProducesExactlyItsEventsInOrderReadableFromTheSchemaFile() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        credit(op, Game.KY);
        String name = Fixtures.userName();
        String registerId = Fixtures.requestId();
        String register = Fixtures.register(name, "abc12345");
        assertThat(client.post("/v1/account/register", register).requestId(registerId).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/login", Fixtures.login(name, "KY")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/lock", "{\"UserName\":\"" + name + "\",\"Lock\":true}").send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/lock", "{\"UserName\":\"" + name + "\",\"Lock\":false}").send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/password", "{\"UserName\":\"" + name + "\",\"Password\":\"abc12345\",\"NewPassword\":\"xyz98765\"}")
                .send().code()).isEqualTo("Success");
        String in = transfer(name, "KY", "25.50", "IN");
        assertThat(client.post("/v1/account/transfer", in).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/transfer", transfer(name, "KY", "99.00", "OUT")).send().code()).isEqualTo("NOBALANCE");
        // Repeats change nothing, so they add no event: the same request id, the same order.
        assertThat(client.post("/v1/account/register", register).requestId(registerId).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/transfer", in).send().code()).isEqualTo("Success");

        List<String> expected = List.of("MemberRegistered", "MemberLoggedIn", "MemberLocked", "MemberLocked", "PasswordChanged",
                "TransferSettled", "TransferSettled");
        List<ConsumerRecord<byte[], byte[]>> records = await().atMost(Duration.ofSeconds(20)).until(
                () -> eventsOf(op.operatorId() + ":" + name), r -> r.size() >= expected.size());
        List<GenericRecord> events = records.stream().map(r -> decode(r.value())).toList();
        assertThat(events).extracting(e -> e.get("eventType").toString()).containsExactlyElementsOf(expected);
        assertThat(eventsOf(op.operatorId() + ":" + name)).hasSize(expected.size());

        GenericRecord registered = events.get(0);
        assertThat(registered.get("operatorId").toString()).isEqualTo(op.operatorId());
        assertThat(registered.get("userName").toString()).isEqualTo(name);
        assertThat(registered.get("requestId").toString()).isEqualTo(registerId);
        assertThat(((GenericRecord) registered.get("data")).getSchema().getName()).isEqualTo("MemberRegistered");
        assertThat(((GenericRecord) events.get(1).get("data")).get("game").toString()).isEqualTo("KY");
        assertThat(((GenericRecord) events.get(2).get("data")).get("locked")).isEqualTo(true);
        assertThat(((GenericRecord) events.get(3).get("data")).get("locked")).isEqualTo(false);
        GenericRecord settled = (GenericRecord) events.get(5).get("data");
        assertThat(settled.get("status").toString()).isEqualTo("SUCCESS");
        assertThat(settled.get("action").toString()).isEqualTo("IN");
        assertThat(settled.get("settledBy").toString()).isEqualTo("REQUEST");
        // decimal(18,2) as the spec defines it: the unscaled value, big-endian two's complement.
        assertThat(new BigDecimal(new BigInteger(bytes((ByteBuffer) settled.get("amount"))), 2)).isEqualByComparingTo("25.50");
        GenericRecord failed = (GenericRecord) events.get(6).get("data");
        assertThat(failed.get("status").toString()).isEqualTo("FAILED");
        assertThat(failed.get("failure").toString()).isEqualTo("INSUFFICIENT_BALANCE");

        ConsumerRecord<byte[], byte[]> first = records.get(0);
        assertThat(Topics.header(first, "ce_id")).isEqualTo(registered.get("eventId").toString());
        assertThat(Topics.header(first, "ce_type")).isEqualTo("com.beiying.gateway.MemberRegistered");
        assertThat(Topics.header(first, "ce_source")).isEqualTo("/beiying-gateway/operators/" + op.operatorId());
        assertThat(Instant.parse(Topics.header(first, "ce_time")).toEpochMilli()).isEqualTo((Long) registered.get("occurredAt"));
        assertThat(Topics.header(first, "ce_specversion")).isEqualTo("1.0");
        assertThat(Topics.header(first, "content-type")).contains("record=Event").contains("encoding=single-object");
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly(op.operatorId() + ":" + name);
    }

    @Test
    void nothingIsLostWhileTheRelayIsDownAndARolledBackChangePublishesNothing() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        List<String> names = new ArrayList<>();
        relay.stop();
        try {
            // As if the process died right after these commits: the events wait in the outbox.
            for (int i = 0; i < 5; i++) {
                String name = Fixtures.userName();
                names.add(name);
                assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
            }
            assertThat(count("SELECT count(*) FROM outbox WHERE event_key LIKE ? AND relayed_at IS NULL", op.operatorId() + ":%"))
                    .isEqualTo(5);
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> names.stream().allMatch(n -> eventsOf(op.operatorId() + ":" + n).size() == 1));

        // A crash after publishing but before marking: the relay publishes them again, and consumers
        // see each EventId at least once, dropping the duplicates by id.
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET relayed_at = NULL WHERE event_key LIKE :k").bind("k", op.operatorId() + ":%")
                .execute());
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM outbox WHERE event_key LIKE ? AND relayed_at IS NULL",
                op.operatorId() + ":%") == 0);
        Map<String, Integer> seen = new HashMap<>();
        for (String n : names) {
            eventsOf(op.operatorId() + ":" + n).forEach(r -> seen.merge(Topics.header(r, "ce_id"), 1, Integer::sum));
        }
        assertThat(seen).hasSize(5);
        assertThat(seen.values()).allMatch(times -> times >= 1);
        System.out.printf("events relayed again after a simulated crash: %d duplicates among %d events%n",
                seen.values().stream().mapToInt(t -> t - 1).sum(), seen.size());

        // A change that rolls back takes its event with it.
        EventMessage never = EventMessage.of(op.operatorId(), "rolledback", "rq-rollback", "rq-rollback", Instant.now(),
                new EventMessage.MemberRegistered(-1));
        try {
            jdbi.useTransaction(h -> {
                outbox.append(h, never);
                throw new IllegalStateException("the change fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(count("SELECT count(*) FROM outbox WHERE event_id = ?", never.eventId())).isZero();
        // A later event of the same operator gets through, the rolled-back one never does.
        String after = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(after, "abc12345")).send().code()).isEqualTo("Success");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(op.operatorId() + ":" + after).size() == 1);
        assertThat(eventsOf(op.operatorId() + ":rolledback")).isEmpty();
    }

    @Test
    void aTransferTheResolverSettlesIsAnnouncedUnresolvedThenSettled() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        credit(op, Game.AVIA);
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/login", Fixtures.login(name, "AVIA")).send().code()).isEqualTo("Success");
        Simulator sim = new Simulator(baseUrl());
        sim.fault("AVIA", "transfer", "TIMEOUT_AFTER", 0, 1);
        try {
            assertThat(client.post("/v1/account/transfer", transfer(name, "AVIA", "12.00", "IN")).send().code()).isEqualTo("PROCCESSING");
        } finally {
            sim.clearFaults();
        }
        List<GenericRecord> events = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(
                () -> eventsOf(op.operatorId() + ":" + name).stream().map(r -> decode(r.value())).toList(),
                list -> list.stream().anyMatch(e -> e.get("eventType").toString().equals("TransferSettled")));
        assertThat(events).extracting(e -> e.get("eventType").toString())
                .containsExactly("MemberRegistered", "MemberLoggedIn", "TransferUnresolved", "TransferSettled");
        GenericRecord settled = (GenericRecord) events.get(3).get("data");
        assertThat(settled.get("settledBy").toString()).isEqualTo("RESOLVER");
        assertThat(settled.get("status").toString()).isEqualTo("SUCCESS");
    }

    private void credit(AdminApi.Operator op, Game game) {
        assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                + "\",\"Credit\":\"10000.00\"}", environment.getRequiredProperty("gateway.security.admin-token")).code())
                .isEqualTo("Success");
    }

    private static String transfer(String name, String game, String money, String action) {
        return "{\"UserName\":\"" + name + "\",\"Game\":\"" + game + "\",\"OrderID\":\"e" + Fixtures.requestId().substring(2, 22)
                + "\",\"Money\":\"" + money + "\",\"Action\":\"" + action + "\"}";
    }

    private List<ConsumerRecord<byte[], byte[]>> eventsOf(String key) {
        return Topics.readAll(bootstrapServers(), "beiying.events").stream()
                .filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
    }

    /**
     * Decodes as any Avro reader would from the schema file alone: check the single-object
     * marker and that the fingerprint is the file's, then read the body.
     */
    private static GenericRecord decode(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get()).isEqualTo((byte) 0xC3);
        assertThat(b.get()).isEqualTo((byte) 0x01);
        assertThat(b.getLong()).isEqualTo(SchemaNormalization.parsingFingerprint64(EVENT));
        try {
            return new GenericDatumReader<GenericRecord>(EVENT).read(null,
                    DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static Schema parse() {
        try {
            return new Schema.Parser().parse(new File("avro/Event.avsc"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
