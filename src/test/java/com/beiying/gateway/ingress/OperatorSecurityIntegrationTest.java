package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.support.AdminApi.Operator;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 3, acceptance 1–4: every row of docs/api.md by a real request, replays across instances,
 * tenancy between operators, suspension on every instance; plus the RGS dialect, rate limits,
 * key rotation and the admin API's own refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorSecurityIntegrationTest extends IntegrationTest {
    private ConfigurableApplicationContext secondIngress;

    @Autowired
    private OperatorDirectory directory;

    @BeforeAll
    void startSecondIngress() {
        // Same topics and database as the main context: a second instance of the same deployment.
        secondIngress = GatewayInstances.ingress(Map.of());
    }

    @AfterAll
    void stopSecondIngress() {
        secondIngress.close();
    }

    private String secondUrl() {
        return "http://127.0.0.1:" + GatewayInstances.port(secondIngress);
    }

    private static String register(String name) {
        return Fixtures.register(name, "abc12345");
    }

    @Test
    void everyRowOfTheSecurityTableIsAnsweredWithItsCode() {
        Operator a = admin().createLoopback("");
        GatewayClient client = a.client(baseUrl());
        assertThat(client.post("/v1/account/register", register(Fixtures.userName())).send().code()).isEqualTo("Success");

        Response noKey = client.post("/v1/account/register", register(Fixtures.userName())).apiKey(null).send();
        assertThat(noKey.code()).isEqualTo("Authorization");
        assertThat(noKey.json().path("ErrorId").asInt()).isEqualTo(2015);
        assertThat(client.post("/v1/account/register", register(Fixtures.userName())).apiKey("ak-unknown").send().code())
                .isEqualTo("Authorization");

        Response badSign = client.post("/v1/account/register", register(Fixtures.userName())).signWith("wrong").send();
        assertThat(badSign.code()).isEqualTo("Sign");
        assertThat(badSign.json().path("ErrorId").asInt()).isEqualTo(2032);

        Response stale = client.post("/v1/account/register", register(Fixtures.userName()))
                .timestamp(System.currentTimeMillis() - 120_000).send();
        assertThat(stale.code()).isEqualTo("TIMEOUT");
        assertThat(stale.status()).isEqualTo(401);

        // A's secret with B's key: the signature is checked with B's secret and fails.
        Operator b = admin().createLoopback("");
        Response swapped = client.post("/v1/account/register", register(Fixtures.userName())).apiKey(b.apiKey()).send();
        assertThat(swapped.code()).isEqualTo("Sign");

        Operator remote = admin().create("{\"Name\":\"Remote\",\"IpAllowlist\":[\"10.0.0.0/8\",\"2001:db8::/32\"],"
                + "\"LaunchDomain\":\"play.example.com\",\"Currency\":\"CNY\"}");
        Response ip = remote.client(baseUrl()).post("/v1/account/register", register(Fixtures.userName())).send();
        assertThat(ip.status()).isEqualTo(403);
        assertThat(ip.code()).isEqualTo("IP");
        // X-Forwarded-For is not believed from an untrusted peer.
        assertThat(remote.client(baseUrl()).post("/v1/account/register", register(Fixtures.userName()))
                .header("X-Forwarded-For", "10.1.2.3").send().code()).isEqualTo("IP");

        assertThat(admin().patch(a.operatorId(), "{\"Status\":\"SUSPENDED\"}").code()).isEqualTo("Success");
        Response suspended = client.post("/v1/account/register", register(Fixtures.userName())).send();
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.code()).isEqualTo("STATUS");
    }

    @Test
    void loginNeedsALaunchDomainAndAnEnabledGame() {
        Operator noDomain = admin().create("{\"Name\":\"No domain\",\"IpAllowlist\":[\"127.0.0.1\"],\"Currency\":\"CNY\","
                + "\"Games\":[\"KY\"]}");
        GatewayClient client = noDomain.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", register(name)).send().code()).isEqualTo("Success");
        Response domain = client.post("/v1/account/login", Fixtures.login(name, "KY")).send();
        assertThat(domain.code()).isEqualTo("DOMAIN");
        Response config = client.post("/v1/account/login", Fixtures.login(name, "AGLive")).send();
        assertThat(config.code()).isEqualTo("CONFIGERROR");
        assertThat(config.json().path("ErrorId").asInt()).isEqualTo(3005);
        assertThat(count("SELECT count(*) FROM provider_accounts p JOIN members m USING (member_id) WHERE m.operator_id = ?",
                noDomain.operatorId())).isZero();

        assertThat(admin().patch(noDomain.operatorId(), "{\"LaunchDomain\":\"games.example.org\",\"Games\":[\"KY\",\"AGLive\"]}")
                .code()).isEqualTo("Success");
        Response ok = client.post("/v1/account/login", Fixtures.login(name, "AGLive")).send();
        assertThat(ok.code()).isEqualTo("Success");
        assertThat(ok.json().path("Url").asString()).startsWith("https://games.example.org/play/");
    }

    @Test
    void aReplayedRequestIsRefusedAlsoByAnotherInstance() {
        String name = Fixtures.userName();
        var captured = demo().post("/v1/account/register", register(name)).build();
        assertThat(GatewayClient.send(captured).code()).isEqualTo("Success");
        var toSecond = HttpRequest.newBuilder(captured, (n, v) -> true)
                .uri(URI.create(secondUrl() + "/v1/account/register")).build();
        assertThat(GatewayClient.send(toSecond).code()).isEqualTo("Sign");
        assertThat(GatewayClient.send(captured).code()).isEqualTo("Sign");
        assertThat(count("SELECT count(*) FROM members WHERE operator_id = 'demo' AND user_name = ?", name)).isEqualTo(1);
    }

    @Test
    void operatorsCannotSeeOrTouchEachOthersMembersOrRequests() {
        Operator a = admin().createLoopback("");
        Operator b = admin().createLoopback("");
        GatewayClient clientA = a.client(baseUrl());
        GatewayClient clientB = b.client(baseUrl());
        String shared = Fixtures.userName();
        Response regA = clientA.post("/v1/account/register", register(shared)).send();
        Response regB = clientB.post("/v1/account/register", register(shared)).send();
        assertThat(regA.code()).isEqualTo("Success");
        assertThat(regB.code()).as("the same name under another operator is another member").isEqualTo("Success");
        assertThat(regA.json().path("UserId").asLong()).isNotEqualTo(regB.json().path("UserId").asLong());

        String onlyB = Fixtures.userName();
        String requestOfB = Fixtures.requestId();
        assertThat(clientB.post("/v1/account/register", register(onlyB)).requestId(requestOfB).send().code()).isEqualTo("Success");
        assertThat(clientA.post("/v1/account/login", Fixtures.login(onlyB, "KY")).send().code()).isEqualTo("NOUSER");

        Response foreign = clientA.get("/v1/requests/" + requestOfB).send();
        Response missing = clientA.get("/v1/requests/" + Fixtures.requestId()).send();
        assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        // Reusing B's request id under A is A's own new request, not B's reply.
        Response reuse = clientA.post("/v1/account/register", register(Fixtures.userName())).requestId(requestOfB).send();
        assertThat(reuse.code()).isEqualTo("Success");
        assertThat(reuse.json().path("UserName").asString()).isNotEqualTo(onlyB);
    }

    @Test
    void suspensionReachesEveryInstanceWithinFiveSecondsAndReactivationToo() {
        Operator op = admin().createLoopback("");
        GatewayClient first = op.client(baseUrl());
        GatewayClient second = op.client(secondUrl());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                second.post("/v1/account/register", register(Fixtures.userName())).send().code().equals("Success"));

        assertThat(admin().patch(op.operatorId(), "{\"Status\":\"SUSPENDED\"}").json().path("Status").asString()).isEqualTo("SUSPENDED");
        long changed = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                first.post("/v1/account/register", register(Fixtures.userName())).send().code().equals("STATUS")
                        && second.post("/v1/account/register", register(Fixtures.userName())).send().code().equals("STATUS"));
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(5));

        assertThat(admin().patch(op.operatorId(), "{\"Status\":\"ACTIVE\"}").code()).isEqualTo("Success");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                first.post("/v1/account/register", register(Fixtures.userName())).send().code().equals("Success")
                        && second.post("/v1/account/register", register(Fixtures.userName())).send().code().equals("Success"));
    }

    @Test
    void rgsOperatorsGetEveryErrorInTheRgsShape() {
        Operator rgs = admin().createLoopback(",\"ErrorFormat\":\"RGS\"");
        GatewayClient client = rgs.client(baseUrl());
        Response missing = client.post("/v1/account/register", "{\"UserName\":\"abcd1\"}").language("en").send();
        assertThat(missing.body()).isEqualTo(
                "{\"error\":1,\"error_detail\":{\"id\":2001,\"code\":\"INVALID_PASSWORD\",\"message\":\"Password is required.\"}}");
        Response unknown = client.post("/v1/account/login", Fixtures.login(Fixtures.userName(), "KY")).language("en").send();
        assertThat(unknown.body()).isEqualTo(
                "{\"error\":1,\"error_id\":2021,\"error_code\":\"INVALID_PLAYER_ID\",\"error_message\":\"Invalid player id. No such member.\"}");
        Response badSign = client.post("/v1/account/register", register(Fixtures.userName())).signWith("nope").send();
        assertThat(badSign.json().path("error_id").asInt()).isEqualTo(2032);
        assertThat(badSign.json().path("error_code").asString()).isEqualTo("OPERATOR_AUTHENTICATION_FAIL");
        Response content = client.post("/v1/account/register", "not json").send();
        assertThat(content.json().path("error").asInt()).isEqualTo(1);
        assertThat(content.json().path("error_id").asInt()).isEqualTo(3021);
        assertThat(content.json().path("error_code").asString()).isEqualTo("INVALID_CONTENT");
        assertThat(content.requestIdHeader()).isNotBlank();
    }

    @Test
    void overTheRateLimitIsBusyBeforeAnythingIsRecorded() {
        // One per second: even if the eight requests straddle two or three one-second cycles,
        // at most three get through.
        Operator slow = admin().createLoopback(",\"RateLimit\":1");
        GatewayClient client = slow.client(baseUrl());
        int busy = 0;
        for (int i = 0; i < 8; i++) {
            Response r = client.get("/v1/games").send();
            if (r.code().equals("BUSY")) {
                busy++;
                assertThat(r.status()).isEqualTo(429);
            }
        }
        assertThat(busy).isGreaterThanOrEqualTo(5);
        // Refused before any database work: only the admitted requests recorded a nonce.
        long nonces = count("SELECT count(*) FROM request_nonces WHERE operator_id = ?", slow.operatorId());
        assertThat(nonces).isEqualTo(8 - busy);
    }

    @Test
    void rotatedKeysWorkSideBySideUntilTheOverlapEnds() {
        Operator op = admin().createLoopback("");
        AdminApi.Answer rotated = admin().rotate(op.operatorId());
        assertThat(rotated.code()).isEqualTo("Success");
        GatewayClient fresh = new GatewayClient(baseUrl(), rotated.json().path("ApiKey").asString(),
                rotated.json().path("Secret").asString());
        assertThat(fresh.post("/v1/account/register", register(Fixtures.userName())).send().code()).isEqualTo("Success");
        assertThat(op.client(baseUrl()).post("/v1/account/register", register(Fixtures.userName())).send().code()).isEqualTo("Success");

        jdbi.useHandle(h -> h.execute("UPDATE operator_keys SET expires_at = now() - interval '1 second' WHERE api_key = ?", op.apiKey()));
        directory.refresh();
        assertThat(op.client(baseUrl()).post("/v1/account/register", register(Fixtures.userName())).send().code())
                .isEqualTo("Authorization");
        assertThat(fresh.post("/v1/account/register", register(Fixtures.userName())).send().code()).isEqualTo("Success");
        assertThat(admin().patch(op.operatorId(), "{}").body()).doesNotContain(rotated.json().path("Secret").asString());
    }

    @Test
    void bodiesAreReadAsSentWhateverTheirContentType() {
        Operator op = admin().createLoopback("");
        var patched = admin().sendTyped("PATCH", "/admin/v1/operators/" + op.operatorId(), "{\"Status\":\"SUSPENDED\"}",
                "application/x-www-form-urlencoded");
        assertThat(patched.json().path("Status").asString()).isEqualTo("SUSPENDED");
        Response form = demo().post("/v1/account/register", register(Fixtures.userName()))
                .header("Content-Type", "application/x-www-form-urlencoded").send();
        assertThat(form.code()).isEqualTo("Success");
    }

    @Test
    void theAdminApiRefusesWithCataloguedAnswersAndChangesNothing() {
        // Every refused body names the operator alike, so the test can tell that none of them was created.
        String name = "refused" + Fixtures.requestId();
        AdminApi api = admin();
        assertThat(api.send("POST", "/admin/v1/operators", "{}", null).code()).isEqualTo("Authorization");
        assertThat(api.send("POST", "/admin/v1/operators", "{}", "wrong-token").status()).isEqualTo(401);
        assertThat(api.send("POST", "/admin/v1/operators", "{\"IpAllowlist\":[\"127.0.0.1\"],\"Currency\":\"CNY\"}", tokenOf())
                .json().path("ErrorCode").asString()).isEqualTo("INVALID_NAME");
        assertThat(api.send("POST", "/admin/v1/operators", "{\"Name\":\"" + name + "\",\"IpAllowlist\":[\"not-an-ip\"],\"Currency\":\"CNY\"}",
                tokenOf()).json().path("ErrorCode").asString()).isEqualTo("INVALID_IP_ALLOWLIST");
        assertThat(api.send("POST", "/admin/v1/operators", "{\"Name\":\"" + name + "\",\"IpAllowlist\":[\"127.0.0.1\"],\"Currency\":\"yuan\"}",
                tokenOf()).json().path("ErrorCode").asString()).isEqualTo("INVALID_CURRENCY");
        assertThat(api.send("POST", "/admin/v1/operators", "{\"Name\":\"" + name + "\",\"IpAllowlist\":[\"127.0.0.1\"],\"Currency\":\"CNY\","
                + "\"Games\":[\"Chess\"]}", tokenOf()).code()).isEqualTo("TYPE_ERROR");
        assertThat(api.send("POST", "/admin/v1/operators", "{\"Name\":\"" + name + "\",\"IpAllowlist\":[\"127.0.0.1\"],\"Currency\":\"CNY\","
                + "\"RateLimit\":0}", tokenOf()).json().path("ErrorId").asInt()).isEqualTo(2010);
        assertThat(api.send("POST", "/admin/v1/operators", "[1]", tokenOf()).code()).isEqualTo("CONTENT");
        assertThat(api.send("PATCH", "/admin/v1/operators/nobody", "{\"Status\":\"ACTIVE\"}", tokenOf()).code()).isEqualTo("CONTENT");
        assertThat(api.send("PATCH", "/admin/v1/operators/demo", "{\"Status\":\"PAUSED\"}", tokenOf()).code()).isEqualTo("CONTENT");
        assertThat(count("SELECT count(*) FROM operators WHERE name = ?", name)).isZero();
        assertThat(count("SELECT count(*) FROM operators WHERE operator_id = 'demo' AND status = 'ACTIVE'")).isEqualTo(1);
    }

    private String tokenOf() {
        return environment.getRequiredProperty("gateway.security.admin-token");
    }
}
