package com.beiying.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.config.DemoOperator;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 (first part): transfers, balance and order queries with their codes, replays that move
 * money once, unknown outcomes settled by the resolver, and a clean ledger check after each.
 */
class TransferIntegrationTest extends IntegrationTest {

    @AfterEach
    void liftFaults() {
        new Simulator(baseUrl()).clearFaults();
    }

    private String member() {
        String name = Fixtures.userName();
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        return name;
    }

    private static String transfer(String name, String game, String orderId, String money, String action) {
        return "{\"UserName\":\"" + name + "\",\"Game\":\"" + game + "\",\"OrderID\":\"" + orderId + "\",\"Money\":" + money
                + ",\"Action\":\"" + action + "\"}";
    }

    private static String orderId() {
        return "o" + Fixtures.requestId().substring(2, 22);
    }

    private void assertLedgerClean() {
        AdminApi.Answer check = admin().send("GET", "/admin/v1/ledger/check?CompareProviders=true&OperatorId=demo", "",
                environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(check.json().path("Ok").asBoolean()).as(check.body()).isTrue();
    }

    @Test
    void moneyMovesInAndOutAndEveryAnswerMatchesTheBooks() {
        String name = member();
        String in = orderId();
        Response credited = demo().post("/v1/account/transfer", transfer(name, "KY", in, "\"150.25\"", "IN")).send();
        assertThat(credited.code()).as(credited.body()).isEqualTo("Success");
        assertThat(credited.json().path("Status").asString()).isEqualTo("Success");
        assertThat(credited.json().path("Balance").asString()).isEqualTo("150.25");
        Response out = demo().post("/v1/account/transfer", transfer(name, "KY", orderId(), "50", "OUT")).send();
        assertThat(out.json().path("Balance").asString()).isEqualTo("100.25");

        Response balance = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\"}").send();
        assertThat(balance.json().path("Balance").asString()).isEqualTo("100.25");
        assertThat(balance.json().path("Currency").asString()).isEqualTo("CNY");
        Response never = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"BBIN\"}").send();
        assertThat(never.json().path("Balance").asString()).isEqualTo("0.00");

        Response order = demo().post("/v1/account/order", "{\"OrderID\":\"" + in + "\"}").send();
        assertThat(order.code()).isEqualTo("Success");
        assertThat(order.json().path("Status").asString()).isEqualTo("Success");
        assertThat(order.json().path("Money").asString()).isEqualTo("150.25");
        assertThat(order.json().path("Action").asString()).isEqualTo("IN");
        assertThat(order.json().path("UserName").asString()).isEqualTo(name);
        assertThat(order.json().path("FinishedAt").isNull()).isFalse();
        assertLedgerClean();
    }

    @Test
    void everyTransferRefusalHasItsCode() {
        String name = member();
        assertThat(code(transfer(name, "KY", orderId(), "-5", "IN"))).isEqualTo("BADMONEY/2027");
        assertThat(code(transfer(name, "KY", orderId(), "0", "IN"))).isEqualTo("BADMONEY/2034");
        assertThat(code(transfer(name, "KY", orderId(), "1000000.01", "IN"))).isEqualTo("BADMONEY/2009");
        assertThat(code(transfer(name, "KY", orderId(), "1.005", "IN"))).isEqualTo("BADMONEY/2038");
        assertThat(code(transfer(name, "KY", orderId(), "\"abc\"", "IN"))).isEqualTo("BADMONEY/2020");
        assertThat(code(transfer(name, "KY", "abc", "1", "IN"))).isEqualTo("BANORDER/2004");
        assertThat(code(transfer(name, "KY", "bad order!", "1", "IN"))).isEqualTo("BANORDER/2006");
        assertThat(code(transfer(name, "KY", orderId(), "1", "SIDEWAYS"))).isEqualTo("TRANSFER_NO_ACTION/2006");
        assertThat(code(transfer(name, "KY", orderId(), "5", "OUT"))).isEqualTo("NOBALANCE/2028");
        assertThat(code(transfer(Fixtures.userName(), "KY", orderId(), "5", "IN"))).isEqualTo("NOUSER/2021");
        Response missing = demo().post("/v1/account/order", "{\"OrderID\":\"" + orderId() + "\"}").send();
        assertThat(missing.code()).isEqualTo("NOORDER");
        assertThat(missing.json().path("ErrorId").asInt()).isEqualTo(2035);

        var poor = admin().createLoopback("");
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        AdminApi.Answer line = admin().send("PUT", "/admin/v1/operators/" + poor.operatorId() + "/credit",
                "{\"Game\":\"KY\",\"Credit\":\"10.00\"}", token);
        assertThat(line.json().path("Available").asString()).as(line.body()).isEqualTo("10.00");
        GatewayClient client = poor.client(baseUrl());
        String member = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(member, "abc12345")).send().code()).isEqualTo("Success");
        Response noCredit = client.post("/v1/account/transfer", transfer(member, "KY", orderId(), "10.01", "IN")).send();
        assertThat(noCredit.code()).isEqualTo("NOCREDIT");
        assertThat(client.post("/v1/account/transfer", transfer(member, "KY", orderId(), "10.00", "IN")).send().code())
                .isEqualTo("Success");
        assertThat(admin().send("PUT", "/admin/v1/operators/" + poor.operatorId() + "/credit",
                "{\"Game\":\"KY\",\"Credit\":\"10.00\"}", token).json().path("Used").asString()).isEqualTo("10.00");
        assertLedgerClean();
    }

    private String code(String body) {
        Response r = demo().post("/v1/account/transfer", body).send();
        return r.code() + "/" + r.json().path("ErrorId").asInt(0);
    }

    @Test
    void theSameTransferFiveTimesMovesMoneyOnceAndAnswersAlike() {
        String name = member();
        String id = orderId();
        String body = transfer(name, "BBIN", id, "77.70", "IN");
        List<Response> answers = IntStream.range(0, 5).mapToObj(i -> demo().post("/v1/account/transfer", body).sendAsync())
                .toList().stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.code()).as(r.body()).isEqualTo("Success");
            assertThat(r.json().path("Balance").asString()).isEqualTo("77.70");
            assertThat(r.json().path("OrderID").asString()).isEqualTo(id);
        });
        Response conflict = demo().post("/v1/account/transfer", transfer(name, "BBIN", id, "77.71", "IN")).send();
        assertThat(conflict.code()).isEqualTo("EXISTSORDER");
        assertThat(conflict.status()).isEqualTo(409);
        Response balance = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"BBIN\"}").send();
        assertThat(balance.json().path("Balance").asString()).isEqualTo("77.70");
        assertThat(count("SELECT count(*) FROM ledger_entries WHERE operator_id = 'demo' AND order_id = ?", id)).isEqualTo(2);
        assertLedgerClean();
    }

    @Test
    void theSameTransferThroughTwoIngressInstancesMovesMoneyOnce() {
        var second = GatewayInstances.ingress(Map.of());
        try {
            GatewayClient other = new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(second),
                    DemoOperator.API_KEY, DemoOperator.SECRET);
            String name = member();
            String id = orderId();
            String body = transfer(name, "IMSport", id, "12.34", "IN");
            List<Response> answers = IntStream.range(0, 6).mapToObj(i -> (i % 2 == 0 ? demo() : other)
                    .post("/v1/account/transfer", body).sendAsync()).toList().stream().map(CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(r -> {
                assertThat(r.code()).as(r.body()).isEqualTo("Success");
                assertThat(r.json().path("Balance").asString()).isEqualTo("12.34");
            });
            assertThat(count("SELECT count(*) FROM ledger_entries WHERE operator_id = 'demo' AND order_id = ?", id)).isEqualTo(2);
            assertLedgerClean();
        } finally {
            second.close();
        }
    }

    @Test
    void unknownOutcomesAreProcessingUntilTheResolverSettlesThemAsTheProviderSays() {
        String name = member();
        Simulator simulator = new Simulator(baseUrl());
        assertThat(demo().post("/v1/account/transfer", transfer(name, "AVIA", orderId(), "20", "IN")).send().code()).isEqualTo("Success");

        simulator.fault("AVIA", "transfer", "TIMEOUT_AFTER", 0);
        String applied = orderId();
        Response lostAnswer = demo().post("/v1/account/transfer", transfer(name, "AVIA", applied, "5", "OUT")).language("en").send();
        assertThat(lostAnswer.code()).as(lostAnswer.body()).isEqualTo("PROCCESSING");
        assertThat(lostAnswer.json().path("Status").asString()).isEqualTo("Processing");
        assertThat(lostAnswer.json().path("OrderID").asString()).isEqualTo(applied);
        // While the provider cannot say what happened, the order waits, and after the alert time
        // it is listed for a person.
        simulator.fault("AVIA", "transfer-status", "ERROR", 0);
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                admin().send("GET", "/admin/v1/orders/unresolved", "", token).body().contains(applied));
        simulator.clearFaults();

        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                demo().post("/v1/account/order", "{\"OrderID\":\"" + applied + "\"}").send().json().path("Status").asString()
                        .equals("Success"));
        System.out.println("resolver settled the lost answer after " + Duration.between(start, Instant.now()).toMillis() + " ms");
        Response balance = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"AVIA\"}").send();
        assertThat(balance.json().path("Balance").asString()).isEqualTo("15.00");
        assertLedgerClean();
        // The final state was published once, in the request's language, under the request that got PROCCESSING.
        String requestId = lostAnswer.json().path("RequestId").asString();
        String correlation = "demo:" + requestId;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Topics.readAll(bootstrapServers(), "beiying.replies").stream()
                        .filter(r -> correlation.equals(Topics.header(r, "beiying-correlation")))
                        .map(r -> new MessageCodec().decodeReply(r.value()))
                        .map(r -> r.code() + "/" + r.message()))
                .containsExactly("PROCCESSING/The order is being processed; query it later.", "Success/Success."));
        // Whoever asks for that request now sees its final outcome, not the PROCCESSING of the first answer.
        Response state = demo().get("/v1/requests/" + requestId).send();
        assertThat(state.json().path("Status").asString()).isEqualTo("Done");
        assertThat(state.json().path("Reply").path("Code").asString()).as(state.body()).isEqualTo("Success");
        assertThat(state.json().path("Reply").path("Status").asString()).isEqualTo("Success");
        // Nothing is left for a person to look at.
        assertThat(admin().send("GET", "/admin/v1/orders/unresolved", "", token).body()).doesNotContain(applied);
    }

    @Test
    void aRepeatRefusedByTheProviderLeavesAnOrderWhoseFirstSendMayHaveAppliedToTheResolver() {
        String name = member();
        Simulator simulator = new Simulator(baseUrl());
        assertThat(demo().post("/v1/account/transfer", transfer(name, "AVIA", orderId(), "20", "IN")).send().code()).isEqualTo("Success");

        simulator.fault("AVIA", "transfer", "TIMEOUT_AFTER", 0);
        String applied = orderId();
        String body = transfer(name, "AVIA", applied, "5", "OUT");
        assertThat(demo().post("/v1/account/transfer", body).send().code()).isEqualTo("PROCCESSING");
        // The provider applied the first send; the repeat (before the resolver's turn) meets a provider in maintenance.
        simulator.clearFaults();
        simulator.fault("AVIA", "transfer", "MAINTENANCE", 0);
        Response repeat = demo().post("/v1/account/transfer", body).send();
        assertThat(repeat.code()).as("refusing the repeat must not fail an order whose money moved: %s", repeat.body())
                .isEqualTo("PROCCESSING");
        simulator.clearFaults();

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                demo().post("/v1/account/order", "{\"OrderID\":\"" + applied + "\"}").send().json().path("Status").asString()
                        .equals("Success"));
        Response balance = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"AVIA\"}").send();
        assertThat(balance.json().path("Balance").asString()).isEqualTo("15.00");
        assertLedgerClean();
    }

    @Test
    void maintenanceBlocksTransfersOfThatGameOnly() {
        String name = member();
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        assertThat(admin().send("PUT", "/admin/v1/games/IMOne/maintenance", "{\"Enabled\":true}", token).code()).isEqualTo("Success");
        try {
            assertThat(code(transfer(name, "IMOne", orderId(), "1", "IN"))).isEqualTo("MAINTENANCE/3006");
            assertThat(code(transfer(name, "XJ188", orderId(), "1", "IN"))).isEqualTo("Success/0");
        } finally {
            admin().send("PUT", "/admin/v1/games/IMOne/maintenance", "{\"Enabled\":false}", token);
        }
        assertThat(code(transfer(name, "IMOne", orderId(), "1", "IN"))).isEqualTo("Success/0");
    }
}
