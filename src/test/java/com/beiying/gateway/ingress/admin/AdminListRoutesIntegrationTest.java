package com.beiying.gateway.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin API's list routes (docs/api.md, "Admin API"): what the back office's pages read. */
class AdminListRoutesIntegrationTest extends IntegrationTest {

    private String token() {
        return environment.getRequiredProperty("gateway.security.admin-token");
    }

    @Test
    void operatorsAreListedAsTheSingleViewShowsThemWithoutSecrets() {
        AdminApi.Operator op = admin().createLoopback(",\"Games\":[\"KY\",\"AVIA\"],\"TimeZone\":\"+07:00\"");
        AdminApi.Answer list = admin().send("GET", "/admin/v1/operators", "", token());
        assertThat(list.code()).as(list.body()).isEqualTo("Success");
        assertThat(list.body()).doesNotContain(op.secret()).doesNotContain("Secret").doesNotContain(op.apiKey());
        JsonNode listed = null;
        for (JsonNode o : list.json().path("Operators")) {
            if (o.path("OperatorId").asString().equals(op.operatorId())) {
                listed = o;
            }
        }
        assertThat(listed).as(list.body()).isNotNull();
        JsonNode single = admin().send("GET", "/admin/v1/operators/" + op.operatorId(), "", token()).json();
        JsonNode found = listed;
        single.propertyNames().stream().filter(n -> !n.equals("Code") && !n.equals("Message"))
                .forEach(n -> assertThat(found.path(n)).as(n).isEqualTo(single.path(n)));
        assertThat(found.path("Games").toString()).isEqualTo("[\"AVIA\",\"KY\"]");
        assertThat(found.path("TimeZone").asString()).isEqualTo("+07:00");
    }

    @Test
    void everyGamesCreditLineWithUsedAndAvailable() {
        AdminApi.Operator op = admin().createLoopback(",\"Games\":[\"KY\"]");
        admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"KY\",\"Credit\":\"500\"}", token());
        String user = Fixtures.userName();
        GatewayClient client = op.client(baseUrl());
        assertThat(client.post("/v1/account/register", Fixtures.register(user, "abc12345")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + user + "\",\"Game\":\"KY\",\"OrderID\":\"lst"
                + Fixtures.requestId().substring(2, 20) + "\",\"Money\":\"120.50\",\"Action\":\"IN\"}").send().code()).isEqualTo("Success");

        AdminApi.Answer lines = admin().send("GET", "/admin/v1/operators/" + op.operatorId() + "/credit", "", token());
        assertThat(lines.code()).as(lines.body()).isEqualTo("Success");
        assertThat(lines.json().path("Lines")).hasSize(8);
        List<String> games = new ArrayList<>();
        lines.json().path("Lines").forEach(l -> games.add(l.path("Game").asString()));
        assertThat(games).containsExactly("AGLive", "AVIA", "Pinnacle", "IMSport", "IMOne", "BBIN", "XJ188", "KY");
        JsonNode ky = lines.json().path("Lines").get(7);
        assertThat(ky.path("Enabled").asBoolean()).isTrue();
        assertThat(ky.path("Credit").asString()).isEqualTo("500.00");
        assertThat(ky.path("Used").asString()).isEqualTo("120.50");
        assertThat(ky.path("Available").asString()).isEqualTo("379.50");
        JsonNode ag = lines.json().path("Lines").get(0);
        assertThat(ag.path("Enabled").asBoolean()).isFalse();
        assertThat(ag.path("Credit").asString()).isEqualTo("0.00");

        AdminApi.Answer unknown = admin().send("GET", "/admin/v1/operators/nosuchop/credit", "", token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("ErrorId").asInt()).isEqualTo(3027);
    }

    @Test
    void gamesShowTheirMaintenance() {
        AdminApi.Answer set = admin().send("PUT", "/admin/v1/games/IMOne/maintenance",
                "{\"Enabled\":true,\"Until\":\"2099-01-01T00:00:00Z\"}", token());
        assertThat(set.code()).as(set.body()).isEqualTo("Success");
        try {
            AdminApi.Answer games = admin().send("GET", "/admin/v1/games", "", token());
            assertThat(games.json().path("Games")).hasSize(8);
            for (JsonNode g : games.json().path("Games")) {
                if (g.path("Code").asString().equals("IMOne")) {
                    assertThat(g.path("Status").asString()).isEqualTo("Maintenance");
                    assertThat(g.path("MaintenanceUntil").asString()).isEqualTo("2099-01-01T00:00:00Z");
                }
            }
        } finally {
            admin().send("PUT", "/admin/v1/games/IMOne/maintenance", "{\"Enabled\":false}", token());
        }
        assertThat(admin().send("GET", "/admin/v1/games", "", token()).body()).doesNotContain("Maintenance\"");
    }

    @Test
    void aMemberWithItsAccountsBalancesAndOrders() {
        AdminApi.Operator op = admin().createLoopback("");
        admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"KY\",\"Credit\":\"1000\"}", token());
        String user = Fixtures.userName();
        GatewayClient client = op.client(baseUrl());
        client.post("/v1/account/register", Fixtures.register(user, "abc12345")).send();
        String orderId = "mem" + Fixtures.requestId().substring(2, 20);
        assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + user + "\",\"Game\":\"KY\",\"OrderID\":\"" + orderId
                + "\",\"Money\":\"100\",\"Action\":\"IN\"}").send().code()).isEqualTo("Success");

        String path = "/admin/v1/members?OperatorId=" + op.operatorId() + "&UserName=" + user.toUpperCase();
        AdminApi.Answer plain = admin().send("GET", path, "", token());
        assertThat(plain.code()).as(plain.body()).isEqualTo("Success");
        assertThat(plain.json().path("UserName").asString()).isEqualTo(user);
        assertThat(plain.json().path("Accounts")).hasSize(1);
        assertThat(plain.json().path("Accounts").get(0).path("Game").asString()).isEqualTo("KY");
        assertThat(plain.json().path("Accounts").get(0).has("Balance")).isFalse();
        assertThat(plain.json().path("Orders")).hasSize(1);
        assertThat(plain.json().path("Orders").get(0).path("OrderID").asString()).isEqualTo(orderId);
        assertThat(plain.json().path("Orders").get(0).path("Money").asString()).isEqualTo("100.00");

        AdminApi.Answer balances = admin().send("GET", path + "&Balances=true", "", token());
        assertThat(balances.json().path("Accounts").get(0).path("Balance").asString()).as(balances.body()).isEqualTo("100.00");

        // Bad input gets a catalogued answer.
        assertThat(admin().send("GET", "/admin/v1/members?UserName=" + user, "", token()).json().path("ErrorId").asInt())
                .isEqualTo(2001);
        assertThat(admin().send("GET", "/admin/v1/members?OperatorId=nosuchop&UserName=" + user, "", token()).json()
                .path("ErrorId").asInt()).isEqualTo(3027);
        assertThat(admin().send("GET", "/admin/v1/members?OperatorId=" + op.operatorId() + "&UserName=1bad", "", token()).code())
                .isEqualTo("BADNAME");
        AdminApi.Answer nobody = admin().send("GET", "/admin/v1/members?OperatorId=" + op.operatorId() + "&UserName=nobody99", "",
                token());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().path("ErrorId").asInt()).isEqualTo(2021);
    }

    @Test
    void everyListRouteNeedsTheToken() {
        for (String path : List.of("/admin/v1/operators", "/admin/v1/operators/x/credit", "/admin/v1/games",
                "/admin/v1/members?OperatorId=x&UserName=abcd")) {
            AdminApi.Answer a = admin().send("GET", path, "", "wrong-token");
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.json().path("ErrorId").asInt()).as(path).isEqualTo(3026);
        }
    }
}
