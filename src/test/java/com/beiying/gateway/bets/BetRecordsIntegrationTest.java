package com.beiying.gateway.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.provider.RecordRules;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of bet records (docs/bets.md), for every provider through its own protocol: a bet
 * placed, settled and resettled and another placed and voided at the simulator appear through
 * /v1/bet/record, /v1/bet/records, /v1/bet/feed and the bets topic with the right fields, times in
 * the operator's zone, exact money and one revision per change.
 */
class BetRecordsIntegrationTest extends IntegrationTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    @Autowired
    private ProviderRegistry providers;
    @Autowired
    private MessageCodec codec;

    @ParameterizedTest
    @EnumSource(Game.class)
    void aBetsLifeShowsInEveryEndpointAndOnTheTopic(Game game) {
        AdminApi.Operator op = admin().createLoopback(",\"TimeZone\":\"Asia/Kolkata\"");
        GatewayClient client = op.client(baseUrl());
        String name = member(op, game, "500.00");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = ?", op.operatorId(), name, game.code());
        RecordRules rules = providers.adapter(game).recordRules();
        // KY reports finished rounds only: an open bet never shows there.
        boolean reportsOpen = game != Game.KY;
        Simulator sim = new Simulator(baseUrl());

        Instant placed = due(rules);
        String a = sim.placeOpenBet(game.code(), account, "7", "100.00", placed);
        String b = sim.placeOpenBet(game.code(), account, "7", "20.00", placed);
        int base = reportsOpen ? 1 : 0;
        if (reportsOpen) {
            awaitRevision(client, game, a, 1, "Open");
            awaitRevision(client, game, b, 1, "Open");
        }
        Instant settled = due(rules);
        sim.changeBet(game.code(), a, "settle", "250.00", settled);
        awaitRevision(client, game, a, base + 1, "Settled");
        sim.changeBet(game.code(), b, "void", null, due(rules));
        awaitRevision(client, game, b, base + 1, "Void");
        Instant resettled = due(rules);
        sim.changeBet(game.code(), a, "resettle", "0.00", resettled);
        JsonNode last = awaitRevision(client, game, a, base + 2, "Resettled");

        // One record, as the operator sees it: times in its zone, money to the cent.
        assertThat(last.path("BetId").asString()).isEqualTo(game.code() + "-" + a);
        assertThat(last.path("Game").asString()).isEqualTo(game.code());
        assertThat(last.path("ProviderBetId").asString()).isEqualTo(a);
        assertThat(last.path("UserName").asString()).isEqualTo(name);
        assertThat(last.path("GameId").asString()).isEqualTo("7");
        assertThat(last.path("Currency").asString()).isEqualTo("CNY");
        assertThat(last.path("BetAmount").asString()).isEqualTo("100.00");
        assertThat(last.path("ValidBet").asString()).isEqualTo("100.00");
        assertThat(last.path("Payout").asString()).isEqualTo("0.00");
        assertThat(last.path("WinLoss").asString()).isEqualTo("-100.00");
        assertThat(last.path("BetTime").asString()).isEqualTo(BetRecordView.time(placed, KOLKATA)).endsWith("+05:30");
        assertThat(last.path("SettledAt").asString()).isEqualTo(BetRecordView.time(resettled, KOLKATA));
        assertThat(last.path("UpdatedAt").asString()).endsWith("+05:30");
        JsonNode voided = record(client, game, b);
        assertThat(voided.path("Payout").asString()).isEqualTo("20.00");
        assertThat(voided.path("WinLoss").asString()).isEqualTo("0.00");
        assertThat(voided.path("ValidBet").asString()).isEqualTo("0.00");

        // Windows, read without offsets in the operator's zone.
        String from = LocalDateTime.ofInstant(placed.minus(Duration.ofHours(1)), KOLKATA).toString();
        String to = LocalDateTime.ofInstant(Instant.now().plus(Duration.ofMinutes(1)), KOLKATA).toString();
        assertThat(betIds(records(client, from, to, "BetTime", null))).containsExactlyInAnyOrder(game.code() + "-" + a,
                game.code() + "-" + b);
        assertThat(betIds(records(client, from, to, "UpdatedAt", game.code()))).hasSize(2);
        // A void bet was settled when it was voided.
        assertThat(betIds(records(client, from, to, "SettledAt", null))).containsExactlyInAnyOrder(game.code() + "-" + a,
                game.code() + "-" + b);
        Game other = game == Game.KY ? Game.BBIN : Game.KY;
        assertThat(records(client, from, to, null, other.code()).path("Total").asLong()).isZero();

        // The feed: every revision once, each bet's in order, across pages of two.
        Map<String, List<Integer>> expected = new TreeMap<>();
        expected.put(game.code() + "-" + a, reportsOpen ? List.of(1, 2, 3) : List.of(1, 2));
        expected.put(game.code() + "-" + b, reportsOpen ? List.of(1, 2) : List.of(1));
        Map<String, List<Integer>> fed = new TreeMap<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonNode page = client.post("/v1/bet/feed", "{\"PageSize\":2" + (cursor == null ? "" : ",\"Cursor\":\"" + cursor + "\"")
                    + "}").send().json();
            assertThat(page.path("Code").asString()).as(page.toString()).isEqualTo("Success");
            for (JsonNode r : page.path("Records")) {
                fed.computeIfAbsent(r.path("BetId").asString(), k -> new ArrayList<>()).add(r.path("Revision").asInt());
            }
            cursor = page.path("NextCursor").asString();
            more = page.path("HasMore").asBoolean();
        }
        assertThat(fed).isEqualTo(expected);
        JsonNode after = client.post("/v1/bet/feed", "{\"Cursor\":\"" + cursor + "\"}").send().json();
        assertThat(after.path("Records")).isEmpty();
        assertThat(after.path("NextCursor").asString()).isEqualTo(cursor);

        // The bets topic: every revision, keyed by operator and bet, with the same content.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, List<Integer>> published = new TreeMap<>();
            for (var r : Topics.readAll(bootstrapServers(), "beiying.bets")) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (key.startsWith(op.operatorId() + ":")) {
                    BetStore.Published p = codec.decodeBet(r.value());
                    assertThat(key).isEqualTo(op.operatorId() + ":" + p.revision().game().code() + "-" + p.revision().providerBetId());
                    assertThat(p.timeZone()).isEqualTo(KOLKATA);
                    if (p.revision().providerBetId().equals(a) && p.revision().revision() == base + 2) {
                        assertThat(p.revision().payout()).isEqualByComparingTo("0.00");
                        assertThat(p.revision().betTime()).isEqualTo(placed);
                    }
                    published.computeIfAbsent(game.code() + "-" + p.revision().providerBetId(), k -> new ArrayList<>())
                            .add(p.revision().revision());
                }
            }
            assertThat(published).isEqualTo(expected);
        });
    }

    /** A member of the operator with money at the game's provider; its name. */
    private String member(AdminApi.Operator op, Game game, String money) {
        assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                + "\",\"Credit\":\"100000.00\"}", environment.getRequiredProperty("gateway.security.admin-token")).code())
                .isEqualTo("Success");
        GatewayClient client = op.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/login", Fixtures.login(name, game.code())).send().code()).isEqualTo("Success");
        GatewayClient.Response in = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                + "\",\"OrderID\":\"in" + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"" + money + "\",\"Action\":\"IN\"}")
                .send();
        assertThat(in.code()).as(in.body()).isEqualTo("Success");
        return name;
    }

    /**
     * A time for a change that the provider already serves (its minimum delay behind now) and the
     * next forward window still covers (well within its overlap), to the second as providers keep it.
     */
    private static Instant due(RecordRules rules) {
        return Instant.now().minus(rules.minDelay()).minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    }

    private static JsonNode awaitRevision(GatewayClient client, Game game, String providerBetId, int revision, String status) {
        List<JsonNode> seen = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode r = record(client, game, providerBetId);
            assertThat(r.path("Revision").asInt()).as(r.toString()).isEqualTo(revision);
            assertThat(r.path("Status").asString()).isEqualTo(status);
            seen.add(0, r);
        });
        return seen.get(0);
    }

    private static JsonNode record(GatewayClient client, Game game, String providerBetId) {
        return client.post("/v1/bet/record", "{\"BetId\":\"" + game.code() + "-" + providerBetId + "\"}").send().json();
    }

    private static JsonNode records(GatewayClient client, String from, String to, String by, String game) {
        JsonNode answer = client.post("/v1/bet/records", "{\"StartTime\":\"" + from + "\",\"EndTime\":\"" + to + "\""
                + (by == null ? "" : ",\"By\":\"" + by + "\"") + (game == null ? "" : ",\"Game\":\"" + game + "\"") + "}").send().json();
        assertThat(answer.path("Code").asString()).as(answer.toString()).isEqualTo("Success");
        return answer;
    }

    private static List<String> betIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("Records").forEach(r -> ids.add(r.path("BetId").asString()));
        assertThat(answer.path("Total").asLong()).isEqualTo(ids.size());
        return ids;
    }
}
