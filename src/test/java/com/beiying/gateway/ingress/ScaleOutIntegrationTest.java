package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.config.DemoOperator;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Acceptance 4 of issue 2: two ingress instances and two workers, each its own application
 * context on fresh topics; 1,000 mixed requests all get their own replies, also while one worker
 * is stopped mid-stream and its partitions move, and nothing executes twice.
 */
class ScaleOutIntegrationTest extends IntegrationTest {
    private static final int REQUESTS = 1_000;
    private static final int IN_FLIGHT = 32;

    private record Sent(String kind, String userName, String game, Response response) {
    }

    @Test
    void everyRequestIsAnsweredOnceThroughTwoIngressesWhileAWorkerStops() throws Exception {
        Map<String, Object> common = Map.of(
                "gateway.kafka.topic-prefix", "scale" + System.nanoTime() + ".",
                "gateway.providers.base-url", simulatorUrl(),
                "gateway.ingress.reply-timeout", "20s");
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            ConfigurableApplicationContext ingressA = track(started, GatewayInstances.ingress(common));
            ConfigurableApplicationContext ingressB = track(started, GatewayInstances.ingress(common));
            ConfigurableApplicationContext workerA = track(started, GatewayInstances.worker(common));
            track(started, GatewayInstances.worker(common));
            GatewayClient[] ingresses = {client(ingressA), client(ingressB)};

            List<String> members = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = Fixtures.userName();
                assertThat(ingresses[i % 2].post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code())
                        .isEqualTo("Success");
                members.add(name);
            }

            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            AtomicInteger answered = new AtomicInteger();
            CompletableFuture<Integer> workerStopped = new CompletableFuture<>();
            List<CompletableFuture<Sent>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                inFlight.acquire();
                GatewayClient ingress = ingresses[i % 2];
                CompletableFuture<Sent> sent;
                switch (i % 10) {
                    case 0, 1, 2 -> {
                        String name = Fixtures.userName();
                        sent = ingress.post("/v1/account/register", Fixtures.register(name, "abc12345")).sendAsyncAdmitted()
                                .thenApply(r -> new Sent("register", name, null, r));
                    }
                    case 9 -> {
                        String name = "9" + Fixtures.userName();
                        sent = ingress.post("/v1/account/register", Fixtures.register(name, "abc12345")).sendAsyncAdmitted()
                                .thenApply(r -> new Sent("bad", name, null, r));
                    }
                    default -> {
                        String name = members.get(i % members.size());
                        String game = Game.values()[i % Game.values().length].code();
                        sent = ingress.post("/v1/account/login", Fixtures.login(name, game)).sendAsync()
                                .thenApply(r -> new Sent("login", name, game, r));
                    }
                }
                futures.add(sent.whenComplete((r, e) -> {
                    inFlight.release();
                    if (answered.incrementAndGet() == REQUESTS / 3) {
                        // Stop a worker mid-stream on another thread; requests keep flowing meanwhile.
                        CompletableFuture.runAsync(() -> {
                            workerA.close();
                            workerStopped.complete(answered.get());
                        });
                    }
                }));
            }
            List<Sent> all = futures.stream().map(CompletableFuture::join).toList();
            // The worker was gone (its partitions moved) while requests were still being answered.
            assertThat(workerStopped.join()).isLessThan(REQUESTS);

            Set<String> requestIds = new HashSet<>();
            List<String> registered = new ArrayList<>();
            List<String> loginRequestIds = new ArrayList<>();
            Set<String> loggedInPairs = new HashSet<>();
            for (Sent s : all) {
                Response r = s.response();
                assertThat(requestIds.add(r.json().path("RequestId").asString())).as("distinct request ids").isTrue();
                switch (s.kind()) {
                    case "register" -> {
                        assertThat(r.code()).as(r.body()).isEqualTo("Success");
                        assertThat(r.json().path("UserName").asString()).isEqualTo(s.userName());
                        registered.add(s.userName());
                    }
                    case "bad" -> assertThat(r.code()).as(r.body()).isEqualTo("BADNAME");
                    default -> {
                        assertThat(r.code()).as(r.body()).isEqualTo("Success");
                        assertThat(r.json().path("Url").asString()).contains(r.json().path("SessionId").asString());
                        loginRequestIds.add(r.json().path("RequestId").asString());
                        loggedInPairs.add(s.userName() + "/" + s.game());
                    }
                }
            }
            assertThat(all).hasSize(REQUESTS);
            assertThat(registered).hasSize(300);
            assertThat(count("SELECT count(*) FROM members WHERE operator_id = 'demo' AND user_name = ANY(?)",
                    (Object) registered.toArray(new String[0]))).isEqualTo(300);
            // Each login request launched exactly once, and each member opened each provider account once.
            assertThat(count("SELECT count(*) FROM launch_sessions WHERE request_id = ANY(?)",
                    (Object) loginRequestIds.toArray(new String[0]))).isEqualTo(600);
            assertThat(count("SELECT count(*) FROM provider_accounts p JOIN members m USING (member_id)"
                    + " WHERE m.operator_id = 'demo' AND m.user_name = ANY(?)", (Object) members.toArray(new String[0])))
                    .isEqualTo(loggedInPairs.size());
            assertThat(count("SELECT count(*) FROM requests WHERE operator_id = 'demo' AND status = 'DONE' AND request_id = ANY(?)",
                    (Object) requestIds.toArray(new String[0]))).isEqualTo(REQUESTS);
        } finally {
            started.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext track(List<ConfigurableApplicationContext> started,
                                                        ConfigurableApplicationContext context) {
        started.add(context);
        return context;
    }

    private static GatewayClient client(ConfigurableApplicationContext ingress) {
        return new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(ingress), DemoOperator.API_KEY, DemoOperator.SECRET);
    }
}
