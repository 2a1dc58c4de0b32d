package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.CatalogAnswers;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, acceptance 4: a malformed X-Timestamp, X-Nonce or X-Request-Id is a field error on that
 * header, in both dialects, and a timestamp in seconds says that milliseconds are expected. None
 * registers anybody.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestHeadersIntegrationTest extends IntegrationTest {
    private AdminApi.Operator beiying;
    private AdminApi.Operator rgs;

    @BeforeAll
    void operators() {
        beiying = admin().createLoopback("");
        rgs = admin().createLoopback(",\"ErrorFormat\":\"RGS\"");
    }

    Stream<Arguments> headerFaults() {
        long seconds = System.currentTimeMillis() / 1000;
        Stream<Object[]> faults = Stream.of(
                new Object[] {"X-Timestamp missing", (UnaryOperator<GatewayClient.Call>) c -> c.timestampText(null), "TIMEOUT", 2001, "INVALID_X_TIMESTAMP"},
                new Object[] {"X-Timestamp not a number", (UnaryOperator<GatewayClient.Call>) c -> c.timestampText("yesterday"), "TIMEOUT", 2008, "INVALID_X_TIMESTAMP"},
                new Object[] {"X-Timestamp in seconds", (UnaryOperator<GatewayClient.Call>) c -> c.timestamp(seconds), "TIMEOUT", 3011, "TIMESTAMP_NOT_MILLISECONDS"},
                new Object[] {"X-Timestamp an hour old", (UnaryOperator<GatewayClient.Call>) c -> c.timestamp(System.currentTimeMillis() - 3_600_000), "TIMEOUT", 3010, "TIMESTAMP_OUT_OF_RANGE"},
                new Object[] {"X-Nonce missing", (UnaryOperator<GatewayClient.Call>) c -> c.nonce(null), "Sign", 2001, "INVALID_X_NONCE"},
                new Object[] {"X-Nonce too short", (UnaryOperator<GatewayClient.Call>) c -> c.nonce("abc"), "Sign", 2004, "INVALID_X_NONCE"},
                new Object[] {"X-Nonce too long", (UnaryOperator<GatewayClient.Call>) c -> c.nonce("n".repeat(65)), "Sign", 2005, "INVALID_X_NONCE"},
                new Object[] {"X-Nonce with other characters", (UnaryOperator<GatewayClient.Call>) c -> c.nonce("bad nonce!"), "Sign", 2006, "INVALID_X_NONCE"},
                new Object[] {"X-Request-Id too short", (UnaryOperator<GatewayClient.Call>) c -> c.requestId("r1"), "CONTENT", 2004, "INVALID_X_REQUEST_ID"},
                new Object[] {"X-Request-Id with other characters", (UnaryOperator<GatewayClient.Call>) c -> c.requestId("request/0001"), "CONTENT", 2006, "INVALID_X_REQUEST_ID"});
        return faults.flatMap(f -> Stream.of(ErrorFormat.values()).map(d -> Arguments.of(f[0], f[1], f[2], f[3], f[4], d)));
    }

    @ParameterizedTest(name = "{0} in {5}")
    @MethodSource("headerFaults")
    void eachHeaderFaultNamesItsHeader(String name, UnaryOperator<GatewayClient.Call> spoil, String code, int id, String rgsCode,
                                       ErrorFormat dialect) {
        AdminApi.Operator operator = dialect == ErrorFormat.RGS ? rgs : beiying;
        String member = Fixtures.userName();
        Response r = spoil.apply(operator.client(baseUrl()).post("/v1/account/register", Fixtures.register(member, "abc12345"))).send();
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        CatalogAnswers.assertAnswer(r, dialect, code, id, rgsCode);
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = ? AND user_name = ?", operator.operatorId(), member)).isZero();
    }
}
