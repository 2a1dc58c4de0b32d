package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every game works end to end through the operator API, each through its own adapter and
 * protocol against the simulator over HTTP: a login opens the account and launches, transfers in
 * and out move money at the provider, and the calls are timed per provider and operation.
 */
class ProvidersThroughTheApiIntegrationTest extends IntegrationTest {
    @Autowired
    private ProviderRegistry providers;
    @Autowired
    private MeterRegistry meters;

    @ParameterizedTest
    @EnumSource(Game.class)
    void everyGameOpensLaunchesAndMovesMoney(Game game) {
        var operator = admin().createLoopback("");
        admin().send("PUT", "/admin/v1/operators/" + operator.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                + "\",\"Credit\":\"1000.00\"}", environment.getRequiredProperty("gateway.security.admin-token"));
        GatewayClient client = operator.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        Response login = client.post("/v1/account/login", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                + "\",\"Platform\":\"APP\",\"Language\":\"en\"}").send();
        assertThat(login.code()).as(login.body()).isEqualTo("Success");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = ?", operator.operatorId(), name, game.code());
        assertThat(account).isEqualTo(providers.adapter(game).accountName(
                count("SELECT member_id FROM members WHERE operator_id = ? AND user_name = ?", operator.operatorId(), name)));

        Response in = client.post("/v1/account/transfer", transfer(name, game, "in", "150.25", "IN")).send();
        assertThat(in.code()).as(in.body()).isEqualTo("Success");
        Response out = client.post("/v1/account/transfer", transfer(name, game, "out", "50.00", "OUT")).send();
        assertThat(out.code()).as(out.body()).isEqualTo("Success");
        Response balance = client.post("/v1/account/balance", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code() + "\"}").send();
        assertThat(balance.json().path("Balance").asString()).isEqualTo("100.25");
        assertThat(providers.adapter(game).balance(account)).isEqualByComparingTo("100.25");
        assertThat(meters.find("gateway.provider.calls").tag("game", game.code()).tag("operation", "transfer").timers())
                .isNotEmpty();
    }

    private static String transfer(String name, Game game, String kind, String money, String action) {
        return "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code() + "\",\"OrderID\":\"" + kind
                + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"" + money + "\",\"Action\":\"" + action + "\"}";
    }
}
