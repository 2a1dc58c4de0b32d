package com.beiying.gateway.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance 5 of bet records (docs/bets.md, "Reconciliation"): members play at several providers,
 * the gateway collects their bets, and reconciliation and the ledger check are clean by the same
 * rule; a bet changed at the provider behind the gateway's back is reported as a difference.
 */
class ReconciliationIntegrationTest extends IntegrationTest {
    private static final List<Game> GAMES = List.of(Game.KY, Game.AVIA, Game.PINNACLE, Game.XJ188);
    /**
     * Just behind these providers' minimum delay (one minute each), so their records are served at
     * once and the next forward window (which starts an overlap of at least a minute before the
     * edge) still covers each change.
     */
    private static final Duration BEHIND = Duration.ofSeconds(65);

    @Test
    void playedMembersReconcileAndAChangeBehindTheGatewaysBackShows() {
        AdminApi.Operator op = admin().createLoopback("");
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        GatewayClient client = op.client(baseUrl());
        List<String> accounts = new ArrayList<>();
        for (Game game : GAMES) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                    + "\",\"Credit\":\"100000.00\"}", token).code()).isEqualTo("Success");
        }
        for (int m = 0; m < 2; m++) {
            String name = Fixtures.userName();
            assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
            for (Game game : GAMES) {
                GatewayClient.Response in = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\""
                        + game.code() + "\",\"OrderID\":\"r" + Fixtures.requestId().substring(2, 22)
                        + "\",\"Money\":\"300.00\",\"Action\":\"IN\"}").send();
                assertThat(in.code()).as(in.body()).isEqualTo("Success");
                accounts.add(game.code() + ":" + queryString("SELECT account_name FROM provider_accounts p JOIN members m USING"
                        + " (member_id) WHERE m.operator_id = ? AND m.user_name = ? AND p.game = ?", op.operatorId(), name, game.code()));
            }
        }
        Simulator sim = new Simulator(baseUrl());
        try {
            sim.play(40, accounts, BEHIND);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM bets WHERE operator_id = ?"
                    + " AND status <> 'OPEN'", op.operatorId()) >= 40);
        } finally {
            sim.play(0, accounts, BEHIND);
        }
        // Once the last rounds have ended (KY reports finished rounds only, so its open stakes are not
        // yet visible) and collection has caught up with them, the books balance by the bets.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode r = reconciliation(op.operatorId(), token);
            assertThat(r.path("Ok").asBoolean()).as(r.toString()).isTrue();
        });
        JsonNode clean = reconciliation(op.operatorId(), token);
        assertThat(clean.path("Lines")).hasSize(8);
        long bets = 0;
        for (JsonNode line : clean.path("Lines")) {
            bets += line.path("Bets").asLong();
            assertThat(new BigDecimal(line.path("Expected").asString()))
                    .isEqualByComparingTo(new BigDecimal(line.path("Ledger").asString())
                            .add(new BigDecimal(line.path("SettledWinLoss").asString()))
                            .subtract(new BigDecimal(line.path("OpenStakes").asString())));
            assertThat(line.path("Difference").asString()).isEqualTo("0.00");
        }
        assertThat(bets).isGreaterThanOrEqualTo(40);
        assertThat(clean.path("CollectedTo").has("KY")).isTrue();
        JsonNode check = admin().send("GET", "/admin/v1/ledger/check?CompareProviders=true&OperatorId=" + op.operatorId(), "", token)
                .json();
        assertThat(check.path("Ok").asBoolean()).as(check.toString()).isTrue();

        // A bet the gateway can never see: settled at KY ten days ago, beyond what KY serves.
        String kyAccount = accounts.stream().filter(a -> a.startsWith("KY:")).findFirst().orElseThrow().substring(3);
        sim.placeBet("KY", kyAccount, "620", "7.00", "0.00", Instant.now().minus(Duration.ofDays(10)));
        JsonNode off = reconciliation(op.operatorId(), token);
        assertThat(off.path("Ok").asBoolean()).isFalse();
        List<JsonNode> differing = new ArrayList<>();
        off.path("Lines").forEach(l -> {
            if (!"0.00".equals(l.path("Difference").asString())) {
                differing.add(l);
            }
        });
        assertThat(differing).hasSize(1);
        assertThat(differing.get(0).path("Game").asString()).isEqualTo("KY");
        assertThat(differing.get(0).path("Difference").asString()).isEqualTo("-7.00");
        JsonNode violated = admin().send("GET", "/admin/v1/ledger/check?CompareProviders=true&OperatorId=" + op.operatorId(), "",
                token).json();
        assertThat(violated.path("Ok").asBoolean()).isFalse();
        assertThat(violated.path("Violations").get(0).asString()).contains("KY/" + kyAccount);
    }

    private JsonNode reconciliation(String operatorId, String token) {
        AdminApi.Answer a = admin().send("GET", "/admin/v1/reconciliation?OperatorId=" + operatorId, "", token);
        assertThat(a.code()).as(a.body()).isEqualTo("Success");
        return a.json();
    }
}
