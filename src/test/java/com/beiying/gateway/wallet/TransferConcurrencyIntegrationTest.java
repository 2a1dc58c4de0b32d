package com.beiying.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 5, acceptance 3 and 4: 50 members × 40 random transfers with 64 in flight end with a clean
 * ledger, every order final and every wallet equal to its provider; and transfers through a
 * provider that times out before or after applying, or fails, end as the provider's own state says.
 */
class TransferConcurrencyIntegrationTest extends IntegrationTest {
    @Autowired
    private ProviderRegistry providers;

    @AfterEach
    void liftFaults() {
        new Simulator(baseUrl()).clearFaults();
    }

    private String token() {
        return environment.getRequiredProperty("gateway.security.admin-token");
    }

    private AdminApi.Operator operatorWithCredit(String credit, String... games) {
        AdminApi.Operator op = admin().createLoopback("");
        for (String game : games) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit",
                    "{\"Game\":\"" + game + "\",\"Credit\":\"" + credit + "\"}", token()).code()).isEqualTo("Success");
        }
        return op;
    }

    private void assertBooksClean(String operatorId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("SELECT count(*) FROM orders WHERE operator_id = ? AND status NOT IN ('SUCCESS', 'FAILED')", operatorId) == 0);
        AdminApi.Answer check = admin().send("GET", "/admin/v1/ledger/check?CompareProviders=true&OperatorId=" + operatorId, "", token());
        assertThat(check.json().path("Ok").asBoolean()).as(check.body()).isTrue();
    }

    private static String transfer(String name, String game, String orderId, String money, String action) {
        return "{\"UserName\":\"" + name + "\",\"Game\":\"" + game + "\",\"OrderID\":\"" + orderId + "\",\"Money\":\"" + money
                + "\",\"Action\":\"" + action + "\"}";
    }

    @Test
    void fiftyMembersFortyTransfersEachSixtyFourInFlight() {
        AdminApi.Operator op = operatorWithCredit("20000.00", "KY", "BBIN");
        GatewayClient client = op.client(baseUrl());
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = Fixtures.userName();
            assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
            members.add(name);
        }
        long seed = System.nanoTime();
        System.out.println("transfer concurrency seed " + seed);
        Random random = new Random(seed);
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        Map<String, Integer> codes = new HashMap<>();
        long start = System.nanoTime();
        for (int round = 0; round < 40; round++) {
            for (String member : members) {
                String game = random.nextBoolean() ? "KY" : "BBIN";
                String action = random.nextInt(3) == 0 ? "OUT" : "IN";
                String money = (1 + random.nextInt(800)) + "." + random.nextInt(10) + random.nextInt(10);
                String orderId = "c" + Fixtures.requestId().substring(2, 24);
                inFlight.acquireUninterruptibly();
                answers.add(client.post("/v1/account/transfer", transfer(member, game, orderId, money, action)).sendAsync()
                        .whenComplete((r, e) -> inFlight.release()));
            }
        }
        for (CompletableFuture<Response> f : answers) {
            Response r = f.join();
            codes.merge(r.code(), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("2000 transfers in %.1f s (%.0f/s): %s%n", seconds, 2000 / seconds, codes);
        assertThat(codes.keySet()).isSubsetOf("Success", "NOBALANCE", "NOCREDIT");
        assertThat(codes.get("Success")).isGreaterThan(500);
        assertThat(codes).containsKeys("NOBALANCE");
        assertBooksClean(op.operatorId());
    }

    @Test
    void providerTimeoutsAndFailuresEndAsTheProviderSays() {
        AdminApi.Operator op = operatorWithCredit("1000.00", "Pinnacle");
        GatewayClient client = op.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        Simulator simulator = new Simulator(baseUrl());
        Map<String, String> faultByOrder = new HashMap<>();
        for (String kind : new String[] {"TIMEOUT_BEFORE", "TIMEOUT_AFTER", "ERROR"}) {
            String orderId = "f" + Fixtures.requestId().substring(2, 24);
            simulator.fault("Pinnacle", "transfer", kind, 0, 1);
            Response r = client.post("/v1/account/transfer", transfer(name, "Pinnacle", orderId, "100.00", "IN")).send();
            assertThat(r.code()).as(kind + ": " + r.body()).isEqualTo("PROCCESSING");
            faultByOrder.put(orderId, kind);
        }
        // A plain refusal by the provider fails at once and gives the credit back.
        String refused = "r" + Fixtures.requestId().substring(2, 24);
        assertThat(client.post("/v1/account/transfer", transfer(name, "Pinnacle", refused, "999.00", "OUT")).send().code())
                .isEqualTo("NOBALANCE");

        assertBooksClean(op.operatorId());
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ?", op.operatorId(), name);
        for (var e : faultByOrder.entrySet()) {
            String status = queryString("SELECT status FROM orders WHERE operator_id = ? AND order_id = ?", op.operatorId(), e.getKey());
            var key = jdbi.withHandle(h -> h.createQuery("SELECT transfer_no, created_at FROM orders WHERE operator_id = ? AND order_id = ?")
                    .bind(0, op.operatorId()).bind(1, e.getKey())
                    .map((rs, ctx) -> new ProviderAdapter.TransferKey(op.operatorId() + "-" + e.getKey(), rs.getLong(1),
                            rs.getTimestamp(2).toInstant())).one());
            var atProvider = providers.adapter(Game.PINNACLE).transferStatus(account, key).state();
            assertThat(status).as(e.getValue()).isEqualTo(atProvider.name());
        }
        assertThat(queryString("SELECT status FROM orders WHERE operator_id = ? AND order_id = ?", op.operatorId(), refused))
                .isEqualTo("FAILED");
    }
}
