package com.beiying.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.CatalogAnswers;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, acceptance 1: every situation of the contract's table produces its Beiying Code, RGS id
 * and RGS code from a real request, in both dialects, and the strict rules of the API hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSituationsIntegrationTest extends IntegrationTest {
    private AdminApi.Operator beiying;
    private AdminApi.Operator rgs;

    /** A situation: what to send as a given operator (who has a member of its own), and the answer it must get. */
    private record Situation(String name, Function<Client, Response> request, String code, int id, String rgsCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A client of one operator, with a member registered under it. */
    private record Client(GatewayClient http, String member, String password) {
        Response post(String path, String json) {
            return http.post(path, json).send();
        }
    }

    @BeforeAll
    void operators() {
        beiying = admin().createLoopback("");
        rgs = admin().createLoopback(",\"ErrorFormat\":\"RGS\"");
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        for (AdminApi.Operator op : new AdminApi.Operator[] {beiying, rgs}) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"XJ188\",\"Credit\":\"1000.00\"}",
                    token).code()).isEqualTo("Success");
        }
    }

    private Client client(AdminApi.Operator operator) {
        GatewayClient http = operator.client(baseUrl());
        String member = Fixtures.userName();
        String password = "abc12345";
        assertThat(http.post("/v1/account/register", Fixtures.register(member, password)).send().code()).isIn("Success");
        return new Client(http, member, password);
    }

    private static String transfer(String member, String game, String money, String action) {
        return "{\"UserName\":\"" + member + "\",\"Game\":\"" + game + "\",\"OrderID\":\"" + "s" + Fixtures.requestId().substring(2, 20)
                + "\",\"Money\":" + money + ",\"Action\":\"" + action + "\"}";
    }

    Stream<Situation> situations() {
        return Stream.of(
                new Situation("unknown member", c -> c.post("/v1/account/login", Fixtures.login(Fixtures.userName(), "KY")),
                        "NOUSER", 2021, "INVALID_PLAYER_ID"),
                new Situation("another operator's member", c -> c.post("/v1/account/login", Fixtures.login(otherOperatorsMember(), "KY")),
                        "NOUSER", 2021, "INVALID_PLAYER_ID"),
                new Situation("user name breaks the rule", c -> c.post("/v1/account/register", Fixtures.register("9abcde", "abc12345")),
                        "BADNAME", 2024, "INVALID_USERNAME"),
                new Situation("wrong current password", c -> c.post("/v1/account/password", "{\"UserName\":\"" + c.member()
                        + "\",\"Password\":\"wrong1234\",\"NewPassword\":\"xyz98765\"}"), "BADPASSWORD", 2012, "INVALID_LOGIN_CREDENTIALS"),
                new Situation("new password equals the current one", c -> c.post("/v1/account/password", "{\"UserName\":\"" + c.member()
                        + "\",\"Password\":\"" + c.password() + "\",\"NewPassword\":\"" + c.password() + "\"}"),
                        "BADPASSWORD", 2025, "CURRENT_NEW_PASSWORD_SAME"),
                new Situation("unknown Game", c -> c.post("/v1/account/login", Fixtures.login(c.member(), "Mahjong")),
                        "TYPE_ERROR", 2017, "INVALID_PROVIDER"),
                new Situation("GameId the provider does not offer", c -> c.post("/v1/account/login", "{\"UserName\":\"" + c.member()
                        + "\",\"Game\":\"KY\",\"GameId\":\"table-100\"}"), "TYPE_ERROR", 2022, "INVALID_GAME_ID"),
                new Situation("bad Platform", c -> c.post("/v1/account/login", "{\"UserName\":\"" + c.member()
                        + "\",\"Game\":\"KY\",\"Platform\":\"TV\"}"), "CONTENT", 2019, "INVALID_PLATFORM"),
                new Situation("bad Language", c -> c.post("/v1/account/login", "{\"UserName\":\"" + c.member()
                        + "\",\"Game\":\"KY\",\"Language\":\"fr\"}"), "CONTENT", 2023, "INVALID_LANGUAGE"),
                new Situation("Money not a number", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "\"abc\"", "IN")),
                        "BADMONEY", 2020, "INVALID_AMOUNT_TYPE"),
                new Situation("Money negative", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "-5", "IN")),
                        "BADMONEY", 2027, "NEGATIVE_AMOUNT_VALUE"),
                new Situation("Money zero", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "\"0.00\"", "IN")),
                        "BADMONEY", 2034, "ZERO_AMOUNT_VALUE"),
                new Situation("Money with more than 2 decimals", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "1.005", "IN")),
                        "BADMONEY", 2038, "INVALID_MONETARY_TYPE"),
                new Situation("Money above 1,000,000.00", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "1000000.01", "IN")),
                        "BADMONEY", 2009, "INVALID_MONEY"),
                new Situation("OUT above the provider balance", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "5", "OUT")),
                        "NOBALANCE", 2028, "INSUFFICINT_BALANCE"),
                new Situation("unknown OrderID", c -> c.post("/v1/account/order", "{\"OrderID\":\"never-" + Fixtures.requestId() + "\"}"),
                        "NOORDER", 2035, "TRANSACTION_NOT_FOUND"),
                new Situation("transfer failed at the provider", c -> {
                    new Simulator(baseUrl()).fault("XJ188", "transfer", "MAINTENANCE", 0, 1);
                    return c.post("/v1/account/transfer", transfer(c.member(), "XJ188", "5", "IN"));
                }, "ORDER_FAILD", 2035, "TRANSACTION_NOT_FOUND"),
                new Situation("bad signature", c -> c.http().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"))
                        .signWith("not-the-secret").send(), "Sign", 2032, "OPERATOR_AUTHENTICATION_FAIL"),
                // Field rules: the field's own code and INVALID_<FIELD>.
                new Situation("Action in lower case", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "5", "in")),
                        "TRANSFER_NO_ACTION", 2006, "INVALID_ACTION"),
                new Situation("Action missing", c -> c.post("/v1/account/transfer", "{\"UserName\":\"" + c.member()
                        + "\",\"Game\":\"KY\",\"OrderID\":\"order-x-0001\",\"Money\":5}"), "TRANSFER_NO_ACTION", 2001, "INVALID_ACTION"),
                new Situation("Money with spaces", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "\"  5 \"", "IN")),
                        "BADMONEY", 2020, "INVALID_AMOUNT_TYPE"),
                new Situation("Money with a plus sign", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "\"+5\"", "IN")),
                        "BADMONEY", 2020, "INVALID_AMOUNT_TYPE"),
                new Situation("Money as an exponent", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "\"1e2\"", "IN")),
                        "BADMONEY", 2020, "INVALID_AMOUNT_TYPE"),
                new Situation("Money as a JSON exponent", c -> c.post("/v1/account/transfer", transfer(c.member(), "KY", "1e2", "IN")),
                        "BADMONEY", 2020, "INVALID_AMOUNT_TYPE"),
                new Situation("request body not JSON", c -> c.post("/v1/account/register", "not json"),
                        "CONTENT", 3021, "INVALID_CONTENT"),
                // Bet records (docs/bets.md).
                new Situation("unknown BetId", c -> c.post("/v1/bet/record", "{\"BetId\":\"KY-never" + System.nanoTime() + "\"}"),
                        "ORDER_NOTFOUND", 2035, "TRANSACTION_NOT_FOUND"),
                new Situation("BetId of no game", c -> c.post("/v1/bet/record", "{\"BetId\":\"Mahjong-1\"}"),
                        "ORDER_NOTFOUND", 2035, "TRANSACTION_NOT_FOUND"),
                new Situation("bet window reversed", c -> c.post("/v1/bet/records", window(Duration.ofHours(1), Duration.ofHours(2))),
                        "DATEEROOR", 2029, "INVALID_STARTDATE_ENDDATE"),
                new Situation("bet window longer than 7 days", c -> c.post("/v1/bet/records",
                        window(Duration.ofDays(8), Duration.ZERO)), "DATEEROOR", 2037, "INVALID_TIME_INTERVAL"),
                new Situation("bet window starting in the future", c -> c.post("/v1/bet/records",
                        window(Duration.ofMinutes(-10), Duration.ofMinutes(-20))), "DATEEROOR", 2037, "INVALID_TIME_INTERVAL"),
                new Situation("bet window starting over 60 days ago", c -> c.post("/v1/bet/records",
                        window(Duration.ofDays(61), Duration.ofDays(60))), "DATEEROOR", 2037, "INVALID_TIME_INTERVAL"),
                new Situation("StartTime missing", c -> c.post("/v1/bet/records", "{\"EndTime\":\"2026-12-02T00:00:00Z\"}"),
                        "DATEEROOR", 2001, "INVALID_START_TIME"),
                new Situation("EndTime not a time", c -> c.post("/v1/bet/records", "{\"StartTime\":\"" + Instant.now()
                        + "\",\"EndTime\":\"tomorrow morning\"}"), "DATEEROOR", 2006, "INVALID_END_TIME"),
                new Situation("PageSize above 500", c -> c.post("/v1/bet/feed", "{\"PageSize\":501}"),
                        "CONTENT", 2009, "INVALID_PAGE_SIZE"),
                new Situation("By unknown", c -> c.post("/v1/bet/records", window(Duration.ofHours(2), Duration.ZERO)
                        .replace("}", ",\"By\":\"CreatedAt\"}")), "CONTENT", 2006, "INVALID_BY"),
                new Situation("Cursor the gateway never issued", c -> c.post("/v1/bet/feed", "{\"Cursor\":\"made-up\"}"),
                        "CONTENT", 2006, "INVALID_CURSOR"));
    }

    /** A bet-record window from {@code startAgo} to {@code endAgo} before now. */
    private static String window(Duration startAgo, Duration endAgo) {
        Instant now = Instant.now();
        return "{\"StartTime\":\"" + now.minus(startAgo) + "\",\"EndTime\":\"" + now.minus(endAgo) + "\"}";
    }

    Stream<Arguments> situationsInBothDialects() {
        return situations().flatMap(s -> Stream.of(Arguments.of(s, ErrorFormat.BEIYING), Arguments.of(s, ErrorFormat.RGS)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("situationsInBothDialects")
    void eachSituationAnswersItsCatalogEntry(Situation situation, ErrorFormat dialect) {
        Client client = client(dialect == ErrorFormat.RGS ? rgs : beiying);
        long orders = count("SELECT count(*) FROM orders WHERE operator_id = ?", dialect == ErrorFormat.RGS ? rgs.operatorId() : beiying.operatorId());
        Response r = situation.request().apply(client);
        CatalogAnswers.assertAnswer(r, dialect, situation.code(), situation.id(), situation.rgsCode());
        if (!situation.name().equals("transfer failed at the provider") && !situation.name().equals("OUT above the provider balance")) {
            // Bad input changes nothing; only a transfer that reached the provider leaves its (failed) order.
            assertThat(count("SELECT count(*) FROM orders WHERE operator_id = ?",
                    dialect == ErrorFormat.RGS ? rgs.operatorId() : beiying.operatorId())).isEqualTo(orders);
        }
    }

    /** Situations without an operator to take a dialect from answer in the default dialect. */
    @Test
    void situationsOutsideAnyOperator() throws Exception {
        Response unknownKey = client(beiying).http().post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"))
                .apiKey("nobody-key").send();
        CatalogAnswers.assertAnswer(unknownKey, ErrorFormat.BEIYING, "Authorization", 2015, "INVALID_API_KEY");

        HttpResponse<String> play = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/play/0123456789abcdef0123456789abcdef")).build(), HttpResponse.BodyHandlers.ofString());
        CatalogAnswers.assertAnswer(GatewayClient.toResponse(play), ErrorFormat.BEIYING, "CONTENT", 2016, "INVALID_SESSION_ID");

        AdminApi.Answer currency = admin().send("POST", "/admin/v1/operators", "{\"Name\":\"Baht\",\"IpAllowlist\":[\"127.0.0.1\"],"
                + "\"Currency\":\"XYZ\"}", environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(currency.code()).isEqualTo("CONTENT");
        assertThat(currency.json().path("ErrorId").asInt()).isEqualTo(2026);
        assertThat(currency.json().path("ErrorCode").asString()).isEqualTo("INVALID_CURRENCY");
        assertThat(currency.json().path("Message").asString()).contains("CNY");

        AdminApi.Answer noToken = admin().send("GET", "/admin/v1/ledger/check", "", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("ErrorCode").asString()).isEqualTo("INVALID_ADMIN_TOKEN");
        assertThat(noToken.code()).isEqualTo("Authorization");
        assertThat(admin().send("GET", "/admin/v1/ledger/check", "", "wrong").json().path("ErrorId").asInt()).isEqualTo(3026);
    }

    @Test
    void enumFieldsNameTheirAllowedValues() {
        Client c = client(beiying);
        Response action = c.http().post("/v1/account/transfer", transfer(c.member(), "KY", "5", "in")).language("en").send();
        assertThat(action.json().path("Message").asString()).isEqualTo("String is invalid. Expected IN / OUT.");
        Response platform = c.http().post("/v1/account/login", "{\"UserName\":\"" + c.member() + "\",\"Game\":\"KY\",\"Platform\":\"TV\"}")
                .language("en").send();
        assertThat(platform.json().path("Message").asString()).isEqualTo("Invalid platform. Expected PC / H5 / APP.");
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        AdminApi.Answer format = admin().send("PATCH", "/admin/v1/operators/" + beiying.operatorId(), "{\"ErrorFormat\":\"XML\"}", token);
        assertThat(format.json().path("Message").asString()).contains("BEIYING / RGS");
        AdminApi.Answer status = admin().send("PATCH", "/admin/v1/operators/" + beiying.operatorId(), "{\"Status\":\"PAUSED\"}", token);
        assertThat(status.json().path("Message").asString()).contains("ACTIVE / SUSPENDED");
    }

    private String otherOperatorsMember() {
        AdminApi.Operator other = admin().createLoopback("");
        String name = Fixtures.userName();
        assertThat(other.client(baseUrl()).post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code())
                .isEqualTo("Success");
        return name;
    }
}
