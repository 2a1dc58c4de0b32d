package com.beiying.gateway.messaging.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.messaging.avro.BetRecord;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Registry mode (docs/events.md, "Encodings"): a gateway with {@code gateway.kafka.schema-registry-url}
 * writes the events and bets topics in the Confluent wire format, registering the schemas under
 * {@code <topic>-value}; what it writes round-trips through the registry, and an incompatible
 * schema is refused at registration.
 */
class RegistryModeIntegrationTest extends IntegrationTest {

    @Test
    void eventsAndBetsRoundTripThroughTheRegistry() throws Exception {
        String prefix = "reg" + System.nanoTime() + ".";
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
            Map<String, Object> common = Map.of("gateway.kafka.topic-prefix", prefix,
                    "gateway.kafka.schema-registry-url", registry.url().toString(),
                    "gateway.providers.base-url", simulatorUrl(),
                    "gateway.bets.collect", false);
            AdminApi.Operator op = admin().createLoopback("");
            try (ConfigurableApplicationContext worker = GatewayInstances.worker(common);
                 ConfigurableApplicationContext ingress = GatewayInstances.ingress(common)) {
                // A settled bet in the revision log, which this gateway's relay publishes to its bets topic.
                aCollectedBet();
                GatewayClient client = new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(ingress), op.apiKey(), op.secret());
                String name = Fixtures.userName();
                assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");

                AvroValueReader reader = new AvroValueReader(new SchemaRegistryClient(registry.url()), RegistryFixtures.singleObjectSchemas());
                String key = op.operatorId() + ":" + name;
                ConsumerRecord<byte[], byte[]> event = await().atMost(Duration.ofSeconds(30)).until(
                        () -> Topics.readAll(bootstrapServers(), prefix + "events").stream()
                                .filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElse(null),
                        r -> r != null);
                int eventSchema = registry.idsOf(prefix + "events-value").get(0);
                assertConfluentFramed(event.value(), eventSchema);
                assertThat(Topics.header(event, "content-type")).contains("encoding=confluent");
                Event decoded = reader.read(event.value(), Event.class);
                assertThat(decoded.getUserName()).isEqualTo(name);
                assertThat(decoded.getEventType().name()).isEqualTo("MemberRegistered");

                ConsumerRecord<byte[], byte[]> bet = await().atMost(Duration.ofSeconds(30)).until(
                        () -> Topics.readAll(bootstrapServers(), prefix + "bets").stream().findFirst().orElse(null), r -> r != null);
                assertConfluentFramed(bet.value(), registry.idsOf(prefix + "bets-value").get(0));
                assertThat(reader.read(bet.value(), BetRecord.class).getBetId()).isNotBlank();

                // An incompatible change to the events schema is refused by the registry, so it is never written.
                Schema incompatible = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Event\","
                        + "\"namespace\":\"com.beiying.gateway.messaging.avro\",\"fields\":[{\"name\":\"eventId\",\"type\":\"long\"},"
                        + "{\"name\":\"extra\",\"type\":\"string\"}]}");
                assertThatThrownBy(() -> new SchemaRegistryClient(registry.url()).register(prefix + "events-value", incompatible))
                        .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("409");
                assertThat(registry.idsOf(prefix + "events-value")).containsExactly(eventSchema);
            }
        }
    }

    /** The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, the Avro body. */
    private static void assertConfluentFramed(byte[] value, int schemaId) {
        assertThat(value[0]).isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(schemaId);
        assertThat(value.length).isGreaterThan(5);
    }

    private void aCollectedBet() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"KY\",\"Credit\":\"100.00\"}",
                environment.getRequiredProperty("gateway.security.admin-token"));
        String name = Fixtures.userName();
        client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send();
        assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\"g"
                + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"20.00\",\"Action\":\"IN\"}").send().code()).isEqualTo("Success");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", op.operatorId(), name);
        new Simulator(baseUrl()).placeBet("KY", account, "620", "1.00", "1.90",
                Instant.now().minus(Duration.ofSeconds(62)).truncatedTo(ChronoUnit.SECONDS));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM bets WHERE operator_id = ?", op.operatorId()) == 1);
    }
}
