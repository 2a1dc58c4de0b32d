package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Acceptance 2 of issue 2: each bad request gets its catalogued answer and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationIntegrationTest extends IntegrationTest {
    private String existing;
    private AdminApi.Operator operator;

    /** An operator of this class alone, so that what the class counts is what it did. */
    @BeforeAll
    void registerAMember() {
        operator = admin().createLoopback("");
        existing = Fixtures.userName();
        assertThat(client().post("/v1/account/register", Fixtures.register(existing, "abc12345")).send().code()).isEqualTo("Success");
    }

    private GatewayClient client() {
        return operator.client(baseUrl());
    }

    private long members() {
        return count("SELECT count(*) FROM members WHERE operator_id = ?", operator.operatorId());
    }

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                // body, HTTP status, Code, RGS id, RGS code
                Arguments.of("{\"UserName\":\"1abcde\",\"Password\":\"abc12345\"}", 400, "BADNAME", 2024, "INVALID_USERNAME"),
                Arguments.of("{\"UserName\":\"ab\",\"Password\":\"abc12345\"}", 400, "BADNAME", 2024, "INVALID_USERNAME"),
                Arguments.of("{\"UserName\":\"abcdefghijklmnopq\",\"Password\":\"abc12345\"}", 400, "BADNAME", 2024, "INVALID_USERNAME"),
                Arguments.of("{\"UserName\":\"ab$cd\",\"Password\":\"abc12345\"}", 400, "BADNAME", 2024, "INVALID_USERNAME"),
                Arguments.of("{\"UserName\":12345,\"Password\":\"abc12345\"}", 400, "BADNAME", 2006, "INVALID_USER_NAME"),
                Arguments.of("{\"Password\":\"abc12345\"}", 400, "BADNAME", 2001, "INVALID_USER_NAME"),
                Arguments.of("{\"UserName\":null,\"Password\":\"abc12345\"}", 400, "BADNAME", 2002, "INVALID_USER_NAME"),
                Arguments.of("{\"UserName\":\"   \",\"Password\":\"abc12345\"}", 400, "BADNAME", 2003, "INVALID_USER_NAME"),
                Arguments.of("{\"UserName\":\"" + "a".repeat(2000) + "\",\"Password\":\"abc12345\"}", 400, "BADNAME", 2011, "INVALID_USER_NAME"),
                Arguments.of("{\"UserName\":\"goodname1\",\"Password\":\"abcdefgh\"}", 400, "BADPASSWORD", 2006, "INVALID_PASSWORD"),
                Arguments.of("{\"UserName\":\"goodname1\",\"Password\":\"a1b2\"}", 400, "BADPASSWORD", 2004, "INVALID_PASSWORD"),
                Arguments.of("{\"UserName\":\"goodname1\",\"Password\":\"abc 12345\"}", 400, "BADPASSWORD", 2006, "INVALID_PASSWORD"),
                Arguments.of("{\"UserName\":\"goodname1\"}", 400, "BADPASSWORD", 2001, "INVALID_PASSWORD"));
    }

    @ParameterizedTest
    @MethodSource("badRegistrations")
    void badRegistrationIsRefusedWithItsCatalogEntry(String body, int status, String code, int rgsId, String rgsCode) {
        long members = members();
        Response r = client().post("/v1/account/register", body).send();
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().path("ErrorId").asInt()).isEqualTo(rgsId);
        assertThat(r.json().path("ErrorCode").asString()).isEqualTo(rgsCode);
        assertThat(r.json().path("Message").asString()).isNotBlank();
        assertThat(r.json().path("RequestId").asString()).isEqualTo(r.requestIdHeader()).isNotBlank();
        assertThat(members()).isEqualTo(members);
    }

    @Test
    void missingUserNameInEnglishReadsAsTheRgsTemplate() {
        Response r = client().post("/v1/account/register", "{\"Password\":\"abc12345\"}").language("en").send();
        assertThat(r.code()).isEqualTo("BADNAME");
        assertThat(r.json().path("Message").asString()).isEqualTo("User name is required.");
        assertThat(r.json().path("ErrorCode").asString()).isEqualTo("INVALID_USER_NAME");
        Response blank = client().post("/v1/account/register", "{\"UserName\":\"\",\"Password\":\"abc12345\"}").language("en").send();
        assertThat(blank.json().path("Message").asString()).isEqualTo("User name should not be blank.");
        Response shortName = client().post("/v1/account/register", "{\"UserName\":\"abc\",\"Password\":\"abc12345\"}").language("en").send();
        assertThat(shortName.json().path("Message").asString())
                .isEqualTo("Invalid username. A user name starts with a letter and has 4-16 lower-case letters and digits.");
    }

    @Test
    void takenNameIsExistsUserAndDoesNotTouchTheMember() {
        String hash = passwordHash(existing);
        Response r = client().post("/v1/account/register", Fixtures.register(existing.toUpperCase(), "xyz98765")).send();
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("EXISTSUSER");
        assertThat(r.json().path("ErrorId").asInt()).isEqualTo(3001);
        assertThat(passwordHash(existing)).isEqualTo(hash);
    }

    private String passwordHash(String userName) {
        return queryString("SELECT password_hash FROM members WHERE operator_id = ? AND user_name = ?", operator.operatorId(), userName);
    }

    @Test
    void unknownMemberAtLoginIsNoUser() {
        Response r = client().post("/v1/account/login", Fixtures.login(Fixtures.userName(), "BBIN")).send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("NOUSER");
    }

    @Test
    void unknownGameIsTypeErrorAndOpensNoAccount() {
        long accounts = providerAccounts();
        Response r = client().post("/v1/account/login", Fixtures.login(existing, "Mahjong")).send();
        assertThat(r.code()).isEqualTo("TYPE_ERROR");
        assertThat(r.json().path("ErrorId").asInt()).isEqualTo(2017);
        assertThat(r.json().path("ErrorCode").asString()).isEqualTo("INVALID_PROVIDER");
        assertThat(providerAccounts()).isEqualTo(accounts);
    }

    private long providerAccounts() {
        return count("SELECT count(*) FROM provider_accounts p JOIN members m USING (member_id) WHERE m.operator_id = ?",
                operator.operatorId());
    }

    @Test
    void badLoginOptionsAreRefused() {
        assertThat(client().post("/v1/account/login", "{\"UserName\":\"" + existing + "\",\"Game\":\"KY\",\"Platform\":\"TV\"}")
                .send().json().path("ErrorId").asInt()).isEqualTo(2019);
        assertThat(client().post("/v1/account/login", "{\"UserName\":\"" + existing + "\",\"Game\":\"KY\",\"Language\":\"fr\"}")
                .send().json().path("ErrorId").asInt()).isEqualTo(2023);
        assertThat(client().post("/v1/account/login", "{\"UserName\":\"" + existing + "\",\"Game\":\"KY\",\"GameId\":\"a b\"}")
                .send().json().path("ErrorId").asInt()).isEqualTo(2022);
        // A well-formed GameId the provider does not offer is the provider's answer, mapped to 2022 too.
        Response noGame = client().post("/v1/account/login", "{\"UserName\":\"" + existing + "\",\"Game\":\"KY\",\"GameId\":\"table-100\"}")
                .send();
        assertThat(noGame.code()).as(noGame.body()).isEqualTo("TYPE_ERROR");
        assertThat(noGame.json().path("ErrorId").asInt()).isEqualTo(2022);
    }

    @Test
    void missingOrUnknownApiKeyIsAuthorization() {
        Response none = client().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345")).apiKey(null).send();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("Authorization");
        assertThat(none.json().path("ErrorId").asInt()).isEqualTo(2015);
        Response unknown = client().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345")).apiKey("nobody-key").send();
        assertThat(unknown.code()).isEqualTo("Authorization");
    }

    @Test
    void wrongSignatureIsSign() {
        String name = Fixtures.userName();
        Response wrongSecret = client().post("/v1/account/register", Fixtures.register(name, "abc12345")).signWith("not-the-secret").send();
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.code()).isEqualTo("Sign");
        assertThat(wrongSecret.json().path("ErrorId").asInt()).isEqualTo(2032);
        assertThat(client().post("/v1/account/register", Fixtures.register(name, "abc12345")).sign("zz").send().code()).isEqualTo("Sign");
        assertThat(client().post("/v1/account/register", Fixtures.register(name, "abc12345")).nonce("bad nonce!").send().code()).isEqualTo("Sign");
        assertThat(count("SELECT count(*) FROM members WHERE user_name = ?", name)).isZero();
    }

    @Test
    void replayedNonceIsSign() {
        GatewayClient.Call call = client().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"));
        var request = call.build();
        assertThat(GatewayClient.send(request).code()).isEqualTo("Success");
        Response replay = GatewayClient.send(request);
        assertThat(replay.code()).isEqualTo("Sign");
    }

    @Test
    void staleOrFutureTimestampIsTimeout() {
        Response stale = client().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"))
                .timestamp(System.currentTimeMillis() - 61_000).send();
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.code()).isEqualTo("TIMEOUT");
        Response future = client().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"))
                .timestamp(System.currentTimeMillis() + 120_000).send();
        assertThat(future.code()).isEqualTo("TIMEOUT");
    }

    @Test
    void nonJsonOversizedOrNonObjectBodiesAreContent() {
        assertThat(client().post("/v1/account/register", "UserName=abc").send().code()).isEqualTo("CONTENT");
        assertThat(client().post("/v1/account/register", "[1,2]").send().code()).isEqualTo("CONTENT");
        assertThat(client().post("/v1/account/register", "{\"UserName\":\"a\",\"UserName\":\"b\"}").send().code()).isEqualTo("CONTENT");
        assertThat(client().post("/v1/account/register", "{\"UserName\":\"abcd1\"} trailing").send().code()).isEqualTo("CONTENT");
        byte[] invalidUtf8 = "{\"UserName\":\"ab\u0000\"}".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[14] = (byte) 0xC3;
        assertThat(client().post("/v1/account/register", invalidUtf8).send().code()).isEqualTo("CONTENT");
        String big = "{\"UserName\":\"" + "a".repeat(17 * 1024) + "\"}";
        Response oversized = client().post("/v1/account/register", big).send();
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.code()).isEqualTo("CONTENT");
    }

    @Test
    void unknownRoutesAndMethodsAreCatalogued() {
        Response route = client().post("/v1/account/teleport", "{}").send();
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.code()).isEqualTo("NOSUPPORT");
        Response method = client().get("/v1/account/register").send();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("NOSUPPORT");
        assertThat(method.body()).doesNotContain("Exception").doesNotContain("<html");
    }
}
