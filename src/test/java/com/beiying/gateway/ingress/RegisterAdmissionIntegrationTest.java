package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, admission control: a burst of registrations (Argon2id, CPU-bound) is answered with
 * Success or an immediate BUSY, never TIMEOUT; a BUSY registration stored nothing, so the same
 * request can simply be sent again.
 */
class RegisterAdmissionIntegrationTest extends IntegrationTest {
    private static final int BURST = 256;

    @Test
    void aBurstOfRegistrationsIsAnsweredSuccessOrBusyNeverTimeout() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        // A few at a time first, as any running gateway has had: the hashing code is compiled and the
        // limit has seen how long a hash takes here (a cold JVM's first hashes are many times slower).
        for (int i = 0; i < 8; i++) {
            assertThat(client.post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345")).send().code())
                    .isEqualTo("Success");
        }
        List<String> names = new ArrayList<>();
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String name = Fixtures.userName();
            names.add(name);
            sent.add(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).sendAsync());
        }
        List<Response> answers = sent.stream().map(CompletableFuture::join).toList();
        Map<String, Long> byCode = answers.stream().collect(Collectors.groupingBy(Response::code, Collectors.counting()));
        System.out.printf("register burst of %d: %s%n", BURST, byCode);

        assertThat(byCode.keySet()).as("codes of the burst").isSubsetOf("Success", "BUSY");
        assertThat(byCode.get("Success")).as("some are admitted").isPositive();
        for (Response r : answers) {
            if (r.code().equals("BUSY")) {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.json().path("ErrorCode").asString()).as(r.body()).isEqualTo("GATEWAY_BUSY");
            }
        }
        // Nothing of a refused registration was stored: exactly the admitted members exist ...
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = ?", op.operatorId())).isEqualTo(8 + byCode.get("Success"));
        // ... and a refused one sent again, alone, registers.
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).code().equals("BUSY")) {
                assertThat(client.post("/v1/account/register", Fixtures.register(names.get(i), "abc12345")).send().code())
                        .isEqualTo("Success");
                break;
            }
        }
    }
}
