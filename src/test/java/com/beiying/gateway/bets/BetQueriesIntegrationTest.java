package com.beiying.gateway.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reads keep to their operator, keep the promises of a request id, and answer alike whether
 * the ingress serves them or a worker does through Kafka (docs/bets.md).
 */
class BetQueriesIntegrationTest extends IntegrationTest {
    @Autowired
    private ProviderRegistry providers;

    private AdminApi.Operator owner;
    private GatewayClient client;
    private String betId;
    private String account;

    /** An operator whose member has one settled KY bet, collected. */
    @BeforeEach
    void aCollectedBet() {
        owner = admin().createLoopback("");
        client = owner.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(admin().send("PUT", "/admin/v1/operators/" + owner.operatorId() + "/credit", "{\"Game\":\"KY\",\"Credit\":\"1000.00\"}",
                environment.getRequiredProperty("gateway.security.admin-token")).code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\"q"
                + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"50.00\",\"Action\":\"IN\"}").send().code()).isEqualTo("Success");
        account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", owner.operatorId(), name);
        betId = collectedBet();
    }

    /** A settled KY bet of the member, once collected. */
    private String collectedBet() {
        Instant at = Instant.now().minus(providers.adapter(Game.KY).recordRules().minDelay()).minusSeconds(2)
                .truncatedTo(ChronoUnit.SECONDS);
        String id = "KY-" + new Simulator(baseUrl()).placeBet("KY", account, "620", "10.00", "19.50", at);
        await().atMost(Duration.ofSeconds(20)).until(() -> "Success".equals(lookup(client, id).path("Code").asString()));
        return id;
    }

    @Test
    void anotherOperatorsBetsAreInvisibleEverywhere() {
        GatewayClient other = admin().createLoopback("").client(baseUrl());
        JsonNode lookup = lookup(other, betId);
        JsonNode unknown = lookup(other, "KY-999999999999");
        assertThat(lookup.path("Code").asString()).isEqualTo("ORDER_NOTFOUND");
        assertThat(lookup.path("Message").asString()).isEqualTo(unknown.path("Message").asString());
        assertThat(lookup.path("ErrorId").asInt()).isEqualTo(2035);
        assertThat(other.post("/v1/bet/feed", "{}").send().json().path("Records")).isEmpty();
        Instant now = Instant.now();
        JsonNode window = other.post("/v1/bet/records", "{\"StartTime\":\"" + now.minus(Duration.ofDays(1)) + "\",\"EndTime\":\""
                + now.plusSeconds(60) + "\"}").send().json();
        assertThat(window.path("Total").asLong()).isZero();
        assertThat(window.path("Records")).isEmpty();
    }

    @Test
    void aRepeatedRequestIdAnswersTheFirstReplyAndAReusedOneIsRefused() {
        String requestId = Fixtures.requestId();
        GatewayClient.Response first = client.post("/v1/bet/feed", "{\"PageSize\":5}").requestId(requestId).send();
        // A bet collected since: the same request again still answers what the first one read.
        collectedBet();
        assertThat(client.post("/v1/bet/feed", "{\"PageSize\":5}").send().json().path("Records")).hasSize(2);
        GatewayClient.Response again = client.post("/v1/bet/feed", "{\"PageSize\":5}").requestId(requestId).send();
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.json().path("Records")).hasSize(1);
        GatewayClient.Response reused = client.post("/v1/bet/feed", "{\"PageSize\":6}").requestId(requestId).send();
        assertThat(reused.status()).isEqualTo(409);
        JsonNode state = client.get("/v1/requests/" + requestId).send().json();
        assertThat(state.path("Status").asString()).isEqualTo("Done");
        assertThat(state.path("Reply").path("Records").get(0).path("BetId").asString()).isEqualTo(betId);
    }

    @Test
    void throughKafkaTheReadsAnswerAsAtTheIngress() {
        Map<String, Object> kafkaPath = Map.of("gateway.bets.query-path", "kafka",
                "gateway.providers.base-url", simulatorUrl());
        try (ConfigurableApplicationContext ingress = GatewayInstances.ingress(kafkaPath)) {
            GatewayClient viaKafka = new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(ingress), owner.apiKey(),
                    owner.secret());
            JsonNode direct = lookup(client, betId);
            JsonNode kafka = lookup(viaKafka, betId);
            assertThat(kafka.path("Code").asString()).as(kafka.toString()).isEqualTo("Success");
            assertThat(withoutRequestId(kafka)).isEqualTo(withoutRequestId(direct));
            JsonNode feed = viaKafka.post("/v1/bet/feed", "{}").send().json();
            assertThat(feed.path("Records").get(0).path("BetId").asString()).isEqualTo(betId);
            assertThat(lookup(viaKafka, "KY-0").path("Code").asString()).isEqualTo("ORDER_NOTFOUND");
            JsonNode reversed = viaKafka.post("/v1/bet/records", "{\"StartTime\":\"" + Instant.now() + "\",\"EndTime\":\""
                    + Instant.now().minusSeconds(60) + "\"}").send().json();
            assertThat(reversed.path("ErrorId").asInt()).as(reversed.toString()).isEqualTo(2029);
        }
    }

    private static JsonNode withoutRequestId(JsonNode answer) {
        ObjectNode copy = (ObjectNode) answer.deepCopy();
        copy.remove("RequestId");
        return copy;
    }

    private static JsonNode lookup(GatewayClient client, String id) {
        return client.post("/v1/bet/record", "{\"BetId\":\"" + id + "\"}").send().json();
    }
}
