package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.config.DemoOperator;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Acceptance 3 of issue 2 and docs/api.md: one X-Request-Id executes once, however often it arrives. */
class IdempotencyIntegrationTest extends IntegrationTest {


    @Test
    void repeatedRegisterExecutesOnceAndAnswersIdentically() {
        String name = Fixtures.userName();
        String requestId = Fixtures.requestId();
        String body = Fixtures.register(name, Fixtures.password());
        Response first = demo().post("/v1/account/register", body).requestId(requestId).send();
        Response second = demo().post("/v1/account/register", body).requestId(requestId).send();
        assertThat(first.code()).isEqualTo("Success");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM members WHERE user_name = ?", name)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM requests WHERE request_id = ?", requestId)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesOfRegisterExecuteOnce() {
        String name = Fixtures.userName();
        String requestId = Fixtures.requestId();
        String body = Fixtures.register(name, Fixtures.password());
        List<Response> answers = sendConcurrently(12, () -> demo().post("/v1/account/register", body).requestId(requestId).sendAsyncAdmitted());
        assertThat(answers).allSatisfy(r -> assertThat(r.code()).isEqualTo("Success"));
        assertThat(answers.stream().map(Response::body).distinct()).hasSize(1);
        assertThat(count("SELECT count(*) FROM members WHERE user_name = ?", name)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesOfLoginOpenOneProviderAccount() {
        String name = Fixtures.userName();
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password())).send().code()).isEqualTo("Success");
        String requestId = Fixtures.requestId();
        List<Response> answers = sendConcurrently(12, () -> demo().post("/v1/account/login", Fixtures.login(name, "IMSport"))
                .requestId(requestId).sendAsync());
        assertThat(answers).allSatisfy(r -> assertThat(r.code()).isEqualTo("Success"));
        assertThat(answers.stream().map(Response::body).distinct()).hasSize(1);
        long memberId = count("SELECT member_id FROM members WHERE operator_id = 'demo' AND user_name = ?", name);
        assertThat(count("SELECT count(*) FROM provider_accounts WHERE member_id = ?", memberId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sim_accounts s JOIN provider_accounts p ON p.account_name = s.account"
                + " AND p.game = s.game WHERE p.member_id = ?", memberId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM launch_sessions WHERE request_id = ?", requestId)).isEqualTo(1);
        // A second login (a new request) reuses the account instead of opening another.
        assertThat(demo().post("/v1/account/login", Fixtures.login(name, "IMSport")).send().code()).isEqualTo("Success");
        assertThat(count("SELECT count(*) FROM provider_accounts WHERE member_id = ?", memberId)).isEqualTo(1);
    }

    @Test
    void replyPastTheTimeoutIsTimeoutThenAvailableByRequestId() {
        String name = Fixtures.userName();
        String requestId = Fixtures.requestId();
        String body = Fixtures.register(name, Fixtures.password());
        Response timedOut;
        // An ingress that waits 10 ms: an Argon2id hash alone takes longer, so the reply always comes late.
        try (ConfigurableApplicationContext impatient = GatewayInstances.ingress(Map.of("gateway.ingress.reply-timeout", "10ms"))) {
            GatewayClient client = new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(impatient), DemoOperator.API_KEY,
                    DemoOperator.SECRET);
            timedOut = client.post("/v1/account/register", body).requestId(requestId).send();
        }
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.code()).isEqualTo("TIMEOUT");
        assertThat(timedOut.json().path("RequestId").asString()).isEqualTo(requestId);

        Response state = awaitDone(requestId);
        assertThat(state.json().path("Reply").path("Code").asString()).isEqualTo("Success");
        assertThat(state.json().path("Reply").path("UserName").asString()).isEqualTo(name);
        // The same request id again answers from the store, without a second execution.
        Response again = demo().post("/v1/account/register", body).requestId(requestId).send();
        assertThat(again.code()).isEqualTo("Success");
        assertThat(count("SELECT count(*) FROM members WHERE user_name = ?", name)).isEqualTo(1);
    }

    /** Issue 10, acceptance 3: a request id is a key for one request; another request under it runs nothing. */
    @Test
    void aRequestIdReusedForAnotherRequestIsRefusedAndExecutesNothing() {
        String name = Fixtures.userName();
        String requestId = Fixtures.requestId();
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password())).send().code()).isEqualTo("Success");
        Response balance = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\"}").requestId(requestId).send();
        assertThat(balance.code()).isEqualTo("Success");

        String orderId = "reuse" + Fixtures.requestId().substring(2, 20);
        Response transfer = demo().post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\""
                + orderId + "\",\"Money\":\"10.00\",\"Action\":\"IN\"}").requestId(requestId).send();
        assertThat(transfer.status()).isEqualTo(409);
        assertThat(transfer.code()).isEqualTo("CONTENT");
        assertThat(transfer.json().path("ErrorCode").asString()).isEqualTo("REQUEST_ID_REUSED");
        assertThat(count("SELECT count(*) FROM orders WHERE operator_id = 'demo' AND order_id = ?", orderId)).isZero();

        // The same kind with another body is another request too.
        String other = Fixtures.userName();
        Response second = demo().post("/v1/account/balance", "{\"UserName\":\"" + other + "\",\"Game\":\"KY\"}").requestId(requestId).send();
        assertThat(second.json().path("ErrorCode").asString()).isEqualTo("REQUEST_ID_REUSED");
        // The first request again still answers from the store.
        Response again = demo().post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\"}").requestId(requestId).send();
        assertThat(again.body()).isEqualTo(balance.body());
    }

    @Test
    void twoDifferentRequestsRacingForOneRequestIdExecuteOneOfThem() {
        for (int round = 0; round < 5; round++) {
            String requestId = Fixtures.requestId();
            String first = Fixtures.userName();
            String second = Fixtures.userName();
            CompletableFuture<Response> a = demo().post("/v1/account/register", Fixtures.register(first, Fixtures.password()))
                    .requestId(requestId).sendAsyncAdmitted();
            CompletableFuture<Response> b = demo().post("/v1/account/register", Fixtures.register(second, Fixtures.password()))
                    .requestId(requestId).sendAsyncAdmitted();
            List<Response> answers = List.of(a.join(), b.join());
            assertThat(answers).extracting(Response::code).containsExactlyInAnyOrder("Success", "CONTENT");
            assertThat(answers).filteredOn(r -> r.code().equals("CONTENT"))
                    .allSatisfy(r -> assertThat(r.json().path("ErrorCode").asString()).isEqualTo("REQUEST_ID_REUSED"));
            long created = count("SELECT count(*) FROM members WHERE operator_id = 'demo' AND user_name IN (?, ?)", first, second);
            assertThat(created).as("round %d: exactly one of the two registrations ran", round).isEqualTo(1);
        }
    }

    private Response awaitDone(String requestId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> demo().get("/v1/requests/" + requestId).send(), state -> {
                    assertThat(state.code()).isEqualTo("Success");
                    assertThat(state.json().path("Status").asString()).isIn("Pending", "Done");
                    return "Done".equals(state.json().path("Status").asString());
                });
    }

    private static List<Response> sendConcurrently(int n, Supplier<CompletableFuture<Response>> call) {
        List<CompletableFuture<Response>> futures = IntStream.range(0, n).mapToObj(i -> call.get()).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
