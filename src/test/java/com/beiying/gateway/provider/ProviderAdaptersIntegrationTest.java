package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayInstances;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4, acceptance 1 and 5: every game works through its adapter against the simulator over
 * HTTP in its own dialect, and a simulator restart loses no account, balance or order.
 */
class ProviderAdaptersIntegrationTest extends IntegrationTest {
    @Autowired
    private ProviderRegistry providers;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private GatewayProperties properties;

    @ParameterizedTest
    @EnumSource(Game.class)
    void everyGameOpensLaunchesHoldsMovesAndReportsMoney(Game game) {
        // Its own operator: this test moves money at the provider directly, outside the gateway's books.
        var operator = admin().createLoopback("");
        var client = operator.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        Response login = client.post("/v1/account/login", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                + "\",\"Platform\":\"APP\",\"Language\":\"en\",\"GameId\":\"table-7\"}").send();
        assertThat(login.code()).as(login.body()).isEqualTo("Success");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = ?", operator.operatorId(), name, game.code());
        ProviderDialect dialect = ProviderDialect.ALL.get(game);
        assertThat(account).startsWith(dialect.accountPrefix());
        assertThat(count("SELECT count(*) FROM sim_launches WHERE game = ? AND account = ? AND platform = 'APP'"
                + " AND language = 'en' AND game_id = 'table-7'", game.code(), account)).isEqualTo(1);

        ProviderAdapter adapter = providers.adapter(game);
        assertThat(adapter.balance(account)).isEqualByComparingTo("0");
        String in = "in" + Fixtures.requestId();
        var credited = adapter.transfer(account, in, new BigDecimal("100.50"), Direction.IN);
        assertThat(credited.state()).isEqualTo(TransferState.SUCCESS);
        assertThat(credited.balance()).isEqualByComparingTo("100.50");
        // The order id is the idempotency key: the same transfer again moves nothing.
        assertThat(adapter.transfer(account, in, new BigDecimal("100.50"), Direction.IN).balance()).isEqualByComparingTo("100.50");
        assertThatThrownBy(() -> adapter.transfer(account, in, new BigDecimal("1.00"), Direction.IN))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.ORDER_CONFLICT));

        String out = "out" + Fixtures.requestId();
        assertThat(adapter.transfer(account, out, new BigDecimal("40.25"), Direction.OUT).balance()).isEqualByComparingTo("60.25");
        var tooMuch = adapter.transfer(account, "big" + Fixtures.requestId(), new BigDecimal("60.26"), Direction.OUT);
        assertThat(tooMuch.state()).isEqualTo(TransferState.FAILED);
        assertThat(tooMuch.failure()).isEqualTo(Errors.INSUFFICIENT_BALANCE.name());
        assertThat(adapter.balance(account)).isEqualByComparingTo("60.25");

        assertThat(adapter.transferStatus(account, in).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter.transferStatus(account, out).state()).isEqualTo(TransferState.SUCCESS);
        assertThat(adapter.transferStatus(account, "never" + Fixtures.requestId()).state()).isEqualTo(TransferState.FAILED);

        new Simulator(baseUrl()).settleBet(game.code(), account, "10.00", "25.00");
        assertThat(adapter.balance(account)).isEqualByComparingTo("75.25");
        assertThat(meters.find("gateway.provider.calls").tag("game", game.code()).tag("operation", "transfer").timers())
                .isNotEmpty();
    }

    @Test
    void dialectsReallyDiffer() {
        assertThat(ProviderDialect.ALL.get(Game.AVIA).formatAmount(new BigDecimal("12.30"))).isEqualTo("1230");
        assertThat(ProviderDialect.ALL.get(Game.AGLIVE).formatAmount(new BigDecimal("12.30"))).isEqualTo("12.30");
        assertThat(ProviderDialect.ALL.get(Game.PINNACLE).accountName(35)).isEqualTo("PNZXZ");
        assertThat(ProviderDialect.ALL.values().stream().map(d -> d.code(ProviderDialect.Result.INSUFFICIENT_BALANCE)).distinct())
                .hasSize(8);
    }

    @Test
    void aSimulatorRestartLosesNoAccountBalanceOrOrder() {
        ConfigurableApplicationContext first = GatewayInstances.simulator(Map.of());
        String account;
        String orderId = "restart" + Fixtures.requestId();
        try {
            ProviderAdapter adapter = registryFor(first).adapter(Game.BBIN);
            account = adapter.accountName(System.nanoTime() % 1_000_000_000L);
            adapter.openAccount(account, "CNY");
            assertThat(adapter.transfer(account, orderId, new BigDecimal("88.88"), Direction.IN).state()).isEqualTo(TransferState.SUCCESS);
        } finally {
            first.close();
        }
        ConfigurableApplicationContext second = GatewayInstances.simulator(Map.of());
        try {
            ProviderAdapter adapter = registryFor(second).adapter(Game.BBIN);
            assertThat(adapter.balance(account)).isEqualByComparingTo("88.88");
            assertThat(adapter.transferStatus(account, orderId).state()).isEqualTo(TransferState.SUCCESS);
            assertThat(adapter.transfer(account, orderId, new BigDecimal("88.88"), Direction.IN).balance())
                    .isEqualByComparingTo("88.88");
        } finally {
            second.close();
        }
    }

    private ProviderRegistry registryFor(ConfigurableApplicationContext simulator) {
        MockEnvironment env = new MockEnvironment().withProperty("gateway.providers.base-url",
                "http://127.0.0.1:" + GatewayInstances.port(simulator) + "/simulator/v1");
        return new ProviderRegistry(properties, env, JsonMapper.builder().build(), new SimpleMeterRegistry());
    }
}
