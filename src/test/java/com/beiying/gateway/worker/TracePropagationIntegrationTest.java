package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One W3C trace from the operator's request to the provider and back: the trace id of a login's
 * {@code traceparent} is in the ingress's log line, the command record's header, the worker's log
 * line, the provider call's log line and the reply record's header.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracePropagationIntegrationTest extends IntegrationTest {
    /** The per-request lines are DEBUG (one per command per component would crowd production logs). */
    private static final List<String> TRACED_LOGGERS = List.of("com.beiying.gateway.ingress.CommandGateway",
            "com.beiying.gateway.worker.CommandDispatcher", "com.beiying.gateway.provider.ProviderHttp");

    @Autowired
    private com.beiying.gateway.messaging.Topics topics;

    @Test
    void aLoginsTraceIdRunsThroughIngressCommandWorkerProviderAndReply(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        TRACED_LOGGERS.forEach(l -> logging.setLogLevel(l, LogLevel.DEBUG));
        try {
            String name = Fixtures.userName();
            assertThat(demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password())).send().code())
                    .isEqualTo("Success");
            HexFormat hex = HexFormat.of();
            SecureRandom random = new SecureRandom();
            String traceId = hex.formatHex(random.generateSeed(16));
            String requestId = Fixtures.requestId();

            GatewayClient.Response login = demo().post("/v1/account/login", Fixtures.login(name, "KY")).requestId(requestId)
                    .header("traceparent", "00-" + traceId + "-" + hex.formatHex(random.generateSeed(8)) + "-01").send();

            assertThat(login.code()).isEqualTo("Success");
            String correlation = login.json().path("RequestId").asString();
            assertThat(correlation).isEqualTo(requestId);
            List<String> traced = output.getAll().lines().filter(line -> line.contains(traceId)).toList();
            assertThat(traced).as("log lines with the trace id").anySatisfy(line -> assertThat(line)
                    .contains(":" + requestId + " LOGIN to " + topics.commands()));
            assertThat(traced).anySatisfy(line -> assertThat(line).contains(":" + requestId + " LOGIN answered Success"));
            assertThat(traced).anySatisfy(line -> assertThat(line).contains("provider KY ").contains(" ok in "));

            assertThat(Topics.header(record(topics.commands(), requestId), "traceparent")).contains(traceId);
            assertThat(Topics.header(record(topics.replies(), requestId), "traceparent")).contains(traceId);
        } finally {
            TRACED_LOGGERS.forEach(l -> logging.setLogLevel(l, null));
        }
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfItsOwn() {
        String requestId = Fixtures.requestId();
        assertThat(demo().post("/v1/account/register", Fixtures.register(Fixtures.userName(), Fixtures.password()))
                .requestId(requestId).send().code()).isEqualTo("Success");

        String command = Topics.header(record(topics.commands(), requestId), "traceparent");
        String reply = Topics.header(record(topics.replies(), requestId), "traceparent");
        assertThat(command).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(reply.substring(3, 35)).isEqualTo(command.substring(3, 35));
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, String requestId) {
        return Topics.readAll(bootstrapServers(), topic).stream()
                .filter(r -> {
                    String c = Topics.header(r, Correlation.HEADER);
                    return c != null && c.endsWith(":" + requestId);
                })
                .findFirst().orElseThrow(() -> new AssertionError("no record of " + requestId + " on " + topic));
    }
}
