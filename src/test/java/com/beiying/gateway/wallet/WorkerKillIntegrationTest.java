package com.beiying.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 5, acceptance 5: a worker process killed with SIGKILL while transfers are at the provider,
 * and another started: once redelivery and the resolver have run, every order is final and the
 * ledger check (provider balances included) is clean.
 */
class WorkerKillIntegrationTest extends IntegrationTest {

    @Test
    void killedWorkerLosesAndDoublesNothing() throws Exception {
        String prefix = "kill" + System.nanoTime() + ".";
        Map<String, Object> common = Map.of(
                "gateway.kafka.topic-prefix", prefix,
                "gateway.providers.base-url", simulatorUrl(),
                "gateway.ingress.reply-timeout", "20s",
                "spring.kafka.consumer.properties.session.timeout.ms", 6000,
                "spring.kafka.consumer.properties.heartbeat.interval.ms", 1000);
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        AdminApi.Operator op = admin().createLoopback("");
        assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit",
                "{\"Game\":\"XJ188\",\"Credit\":\"100000.00\"}", token).code()).isEqualTo("Success");

        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        Process worker = startWorkerProcess(prefix);
        try {
            ConfigurableApplicationContext ingress = GatewayInstances.ingress(common);
            contexts.add(ingress);
            // The worker JVM consumes only 15 to 25 s after its launch on a busy machine: requests
            // sent before would meet their reply timeout instead of the worker this test kills.
            Topics.awaitGroup(bootstrapServers(), prefix + "workers", 1, worker::isAlive, () -> "worker process exited");
            GatewayClient client = new GatewayClient("http://127.0.0.1:" + GatewayInstances.port(ingress), op.apiKey(), op.secret());
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = Fixtures.userName();
                assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
                members.add(name);
            }
            // Slow provider, so that the kill lands while transfers are at the provider.
            new Simulator(baseUrl()).fault("XJ188", "transfer", "LATENCY", 1_500);
            List<CompletableFuture<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = "{\"UserName\":\"" + members.get(i % members.size()) + "\",\"Game\":\"XJ188\",\"OrderID\":\"k"
                        + Fixtures.requestId().substring(2, 24) + "\",\"Money\":\"" + (10 + i) + ".50\",\"Action\":\"IN\"}";
                sent.add(client.post("/v1/account/transfer", body).sendAsync());
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    count("SELECT count(*) FROM orders WHERE operator_id = ? AND status = 'PENDING'", op.operatorId()) > 0);
            worker.destroyForcibly().waitFor();
            new Simulator(baseUrl()).clearFaults();

            contexts.add(GatewayInstances.worker(common));
            sent.forEach(f -> assertThat(f.join().code()).isIn("Success", "PROCCESSING", "TIMEOUT"));

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    count("SELECT count(*) FROM orders WHERE operator_id = ? AND status NOT IN ('SUCCESS', 'FAILED')",
                            op.operatorId()) == 0);
            AdminApi.Answer check = admin().send("GET", "/admin/v1/ledger/check?CompareProviders=true&OperatorId="
                    + op.operatorId(), "", token);
            assertThat(check.json().path("Ok").asBoolean()).as(check.body()).isTrue();
            assertThat(count("SELECT count(*) FROM orders WHERE operator_id = ?", op.operatorId())).isEqualTo(40);
        } finally {
            worker.destroyForcibly();
            contexts.forEach(ConfigurableApplicationContext::close);
        }
    }

    /** A worker in its own JVM on this test's broker and database, so that it can really be killed. */
    private Process startWorkerProcess(String prefix) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.beiying.gateway.messaging.avro",
                "-cp", System.getProperty("java.class.path"), "com.beiying.gateway.GatewayApplication",
                "--gateway.embedded.enabled=false",
                "--gateway.roles=worker",
                "--spring.main.web-application-type=none",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--gateway.security.master-key=" + environment.getRequiredProperty("gateway.security.master-key"),
                "--gateway.security.admin-token=unused",
                "--gateway.kafka.topic-prefix=" + prefix,
                "--gateway.kafka.command-partitions=6",
                "--gateway.kafka.reply-partitions=6",
                "--gateway.providers.base-url=" + simulatorUrl(),
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
        File log = File.createTempFile("killed-worker", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
