package com.beiying.gateway.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.CommandType;
import com.beiying.gateway.messaging.avro.FieldType;
import com.beiying.gateway.messaging.avro.FieldValue;
import com.beiying.gateway.messaging.avro.Reply;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import com.beiying.gateway.support.Simulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, part 3: every admin route works in every topology. The routes that ask providers
 * (the ledger check with provider comparison, the reconciliation) run on a worker as
 * {@code ADMIN_RECONCILE} commands, so an ingress-only instance, which holds no provider adapter,
 * answers them exactly like the all-in-one process; and no operator can send such a command.
 */
class AdminInEveryTopologyIntegrationTest extends IntegrationTest {
    private static final List<Game> FUNDED = List.of(Game.KY, Game.AVIA);

    @Test
    void anIngressOnlyInstanceAnswersTheProviderChecksLikeTheAllInOneProcess() {
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        AdminApi.Operator op = admin().createLoopback("");
        for (Game game : FUNDED) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                    + "\",\"Credit\":\"100000.00\"}", token).code()).isEqualTo("Success");
        }
        GatewayClient client = op.client(baseUrl());
        // More wallets than one reconciliation page holds, so the answer is joined from pages.
        int members = WalletAdmin.PAGE_SIZE / Game.values().length + 2;
        List<String> names = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            String name = Fixtures.userName();
            assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
            names.add(name);
        }
        for (String name : names) {
            // A member's eight logins at once (they open its eight provider accounts), member after member.
            List<CompletableFuture<GatewayClient.Response>> logins = new ArrayList<>();
            for (Game game : Game.values()) {
                logins.add(client.post("/v1/account/login", Fixtures.login(name, game.code())).sendAsync());
            }
            logins.forEach(l -> assertThat(l.join().code()).as(l.join().body()).isEqualTo("Success"));
        }
        for (String name : names.subList(0, 3)) {
            for (Game game : FUNDED) {
                GatewayClient.Response in = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\""
                        + game.code() + "\",\"OrderID\":\"t" + Fixtures.requestId().substring(2, 22)
                        + "\",\"Money\":\"25.50\",\"Action\":\"IN\"}").send();
                assertThat(in.code()).as(in.body()).isEqualTo("Success");
            }
        }

        ConfigurableApplicationContext ingress = GatewayInstances.ingress(Map.of());
        try {
            assertThat(ingress.getBeanProvider(ProviderRegistry.class).getIfAvailable())
                    .as("an ingress-only instance holds no provider adapter").isNull();
            AdminApi split = new AdminApi("http://127.0.0.1:" + GatewayInstances.port(ingress), token);

            JsonNode together = reconciliation(admin(), op.operatorId());
            JsonNode apart = reconciliation(split, op.operatorId());
            assertThat(together.path("Lines")).hasSize(members * Game.values().length);
            assertThat(together.path("Ok").asBoolean()).as(together.toString()).isTrue();
            assertSameReconciliation(apart, together);
            String check = "/admin/v1/ledger/check?CompareProviders=true&OperatorId=" + op.operatorId();
            AdminApi.Answer checkTogether = admin().send("GET", check, "", token);
            assertThat(checkTogether.json().path("Ok").asBoolean()).as(checkTogether.body()).isTrue();
            assertThat(split.send("GET", check, "", token).body()).isEqualTo(checkTogether.body());

            // A bet the gateway can never see (settled ten days ago, beyond what KY serves): both
            // topologies report the same difference, in the reconciliation and in the check.
            String kyAccount = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                    + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", op.operatorId(), names.get(0));
            new Simulator(baseUrl()).placeBet("KY", kyAccount, "620", "7.00", "0.00", Instant.now().minus(Duration.ofDays(10)));
            JsonNode offTogether = reconciliation(admin(), op.operatorId());
            assertThat(offTogether.path("Ok").asBoolean()).isFalse();
            assertSameReconciliation(reconciliation(split, op.operatorId()), offTogether);
            AdminApi.Answer violated = admin().send("GET", check, "", token);
            assertThat(violated.json().path("Violations")).hasSize(1);
            assertThat(violated.json().path("Violations").get(0).asString()).contains("KY/" + kyAccount).contains("25.50");
            assertThat(split.send("GET", check, "", token).body()).isEqualTo(violated.body());

            // Narrowed to one game, through either instance.
            AdminApi.Answer oneGame = split.send("GET", "/admin/v1/reconciliation?OperatorId=" + op.operatorId() + "&Game=AVIA",
                    "", token);
            assertThat(oneGame.json().path("Lines")).hasSize(members);
            oneGame.json().path("Lines").forEach(l -> assertThat(l.path("Game").asString()).isEqualTo("AVIA"));
        } finally {
            ingress.close();
        }
    }

    @Test
    void operatorsCannotSendAdminCommands() throws Exception {
        // Not over HTTP: /v1 has no route for it.
        GatewayClient.Response http = demo().post("/v1/account/admin_reconcile", "{}").send();
        assertThat(http.json().path("ErrorId").asInt()).as(http.body()).isEqualTo(3016);

        AdminApi.Operator op = admin().createLoopback(",\"KafkaNative\":true");
        String ownCommands = "beiying.op." + op.operatorId() + ".commands";
        String ownReplies = "beiying.op." + op.operatorId() + ".replies";
        Map<String, FieldValue> page = Map.of("Limit", FieldValue.newBuilder().setType(FieldType.NUMBER).setText("200").build());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class, "acks", "all"));
             KafkaConsumer<String, byte[]> own = consumer(ownReplies);
             KafkaConsumer<String, byte[]> shared = consumer("beiying.replies")) {
            // Not on a Kafka-native operator's own topic, whatever sender its payload names.
            String nativeId = "adm-native-" + Fixtures.requestId();
            producer.send(new ProducerRecord<>(ownCommands, op.operatorId() + ":x",
                    command(nativeId, "#admin", page).toByteBuffer().array())).get();
            Reply refused = Topics.awaitReply(own, nativeId);
            assertThat(refused.getErrorId()).as(refused.toString()).isEqualTo(3018);
            assertThat(refused.getCode()).isEqualTo("NOSUPPORT");
            assertThat(refused.getResult()).doesNotContainKey("Lines");

            // Not on the shared topic under an operator's id either (only the admin API writes there).
            String sharedId = "adm-shared-" + Fixtures.requestId();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("beiying.commands", "demo:#" + sharedId,
                    command(sharedId, "demo", page).toByteBuffer().array());
            record.headers().add("beiying-correlation", ("demo:" + sharedId).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
            Reply refusedShared = Topics.awaitReply(shared, sharedId);
            assertThat(refusedShared.getErrorId()).as(refusedShared.toString()).isEqualTo(3018);
            assertThat(refusedShared.getResult()).doesNotContainKey("Lines");
        }
    }

    private static void assertSameReconciliation(JsonNode actual, JsonNode expected) {
        assertThat(actual.path("Code").asString()).isEqualTo("Success");
        assertThat(actual.path("Ok")).isEqualTo(expected.path("Ok"));
        assertThat(actual.path("Lines")).isEqualTo(expected.path("Lines"));
        // How far each game is collected moves on with every pull; which games it names does not.
        List<String> games = new ArrayList<>();
        expected.path("CollectedTo").propertyNames().forEach(games::add);
        assertThat(actual.path("CollectedTo").propertyNames()).containsExactlyInAnyOrderElementsOf(games);
    }

    private JsonNode reconciliation(AdminApi api, String operatorId) {
        AdminApi.Answer a = api.send("GET", "/admin/v1/reconciliation?OperatorId=" + operatorId, "",
                environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(a.code()).as(a.body()).isEqualTo("Success");
        return a.json();
    }

    private static Command command(String requestId, String operatorId, Map<String, FieldValue> fields) {
        return Command.newBuilder().setRequestId(requestId).setOperatorId(operatorId).setType(CommandType.ADMIN_RECONCILE)
                .setLanguage("en").setFields(new HashMap<>(fields)).setCreatedAt(Instant.now()).build();
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

}
