package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 4, acceptance 2 and 4: each injected fault gets its catalogued answer within the provider
 * read timeout (3 s in the test profile) plus one second, the gateway recovers by itself when the
 * fault is lifted, and maintenance set through the admin API blocks only its game until its end.
 */
class ProviderFaultsIntegrationTest extends IntegrationTest {
    private static final Duration BOUND = Duration.ofSeconds(3 + 1);

    @Autowired
    private ProviderRegistry providers;

    @AfterEach
    void liftFaults() {
        new Simulator(baseUrl()).clearFaults();
    }

    private String memberLoggedInto(String... games) {
        String name = Fixtures.userName();
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        for (String game : games) {
            assertThat(demo().post("/v1/account/login", Fixtures.login(name, game)).send().code()).isEqualTo("Success");
        }
        return name;
    }

    private record Timed(Response response, Duration took) {
    }

    private CompletableFuture<Timed> timedLogin(String name, String game) {
        Instant start = Instant.now();
        return demo().post("/v1/account/login", Fixtures.login(name, game)).sendAsync()
                .thenApply(r -> new Timed(r, Duration.between(start, Instant.now())));
    }

    @Test
    void everyLoginFaultIsAnsweredInTimeAndHealsWhenLifted() {
        Map<String, String> faultByGame = new LinkedHashMap<>();
        faultByGame.put("AGLive", "ERROR");
        faultByGame.put("AVIA", "LATENCY");
        faultByGame.put("Pinnacle", "TIMEOUT_BEFORE");
        faultByGame.put("IMSport", "MAINTENANCE");
        faultByGame.put("IMOne", "SLOW_DRIP");
        faultByGame.put("KY", "TIMEOUT_AFTER");
        // One member per game: one member's commands run in order by design, so their slow calls would queue.
        Map<String, String> memberByGame = new LinkedHashMap<>();
        faultByGame.keySet().forEach(game -> memberByGame.put(game, memberLoggedInto(game)));
        Simulator simulator = new Simulator(baseUrl());
        faultByGame.forEach((game, kind) -> simulator.fault(game, "launch", kind, kind.equals("SLOW_DRIP") ? 400 : 10_000));

        Map<String, CompletableFuture<Timed>> answers = new LinkedHashMap<>();
        faultByGame.keySet().forEach(game -> answers.put(game, timedLogin(memberByGame.get(game), game)));
        answers.forEach((game, future) -> {
            Timed t = future.join();
            String expected = faultByGame.get(game).equals("MAINTENANCE") ? "MAINTENANCE" : "BUSY";
            assertThat(t.response().code()).as("%s under %s: %s", game, faultByGame.get(game), t.response().body()).isEqualTo(expected);
            assertThat(t.response().json().path("ErrorId").asInt()).isEqualTo(expected.equals("BUSY") ? 3007 : 3006);
            assertThat(t.took()).as("%s answered in time", game).isLessThan(BOUND);
        });

        simulator.clearFaults();
        faultByGame.keySet().forEach(game -> await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> timedLogin(memberByGame.get(game), game).join().response().code().equals("Success")));
    }

    @Test
    void anOpenCircuitAnswersBusyAtOnceAndClosesAfterTheFaultIsLifted() {
        String name = memberLoggedInto("XJ188");
        Simulator simulator = new Simulator(baseUrl());
        // Every operation fails: the breaker judges the provider's last 20 calls, and the bet
        // collector's pulls (several a second while it catches up) would otherwise be successes among them.
        simulator.fault("XJ188", "*", "ERROR", 0);
        // Earlier tests' successes are in the window too: fail until it opens.
        for (int i = 0; i < 25 && !providers.circuitOpen(Game.XJ188); i++) {
            Response r = timedLogin(name, "XJ188").join().response();
            assertThat(r.code()).as(r.body()).isEqualTo("BUSY");
        }
        assertThat(providers.circuitOpen(Game.XJ188)).isTrue();
        Timed refused = timedLogin(name, "XJ188").join();
        assertThat(refused.response().code()).isEqualTo("BUSY");
        assertThat(refused.took()).isLessThan(Duration.ofMillis(1_000));
        // The other providers' circuits are untouched.
        assertThat(providers.circuitOpen(Game.KY)).isFalse();

        simulator.clearFaults();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> timedLogin(name, "XJ188").join().response().code().equals("Success"));
    }

    @Test
    void maintenanceFromTheAdminApiBlocksOnlyItsGameAndEndsByItself() {
        String name = memberLoggedInto("KY", "BBIN");
        Instant until = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        var set = admin().send("PUT", "/admin/v1/games/KY/maintenance", "{\"Enabled\":true,\"Until\":\"" + until + "\"}",
                environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(set.code()).as(set.body()).isEqualTo("Success");
        assertThat(set.json().path("Games").get(0).path("Status").asString()).isEqualTo("Maintenance");

        Response games = demo().get("/v1/games").send();
        for (var g : games.json().path("Games").values()) {
            boolean ky = g.path("Code").asString().equals("KY");
            assertThat(g.path("Status").asString()).isEqualTo(ky ? "Maintenance" : "Normal");
            if (ky) {
                assertThat(Instant.parse(g.path("MaintenanceUntil").asString())).isEqualTo(until);
            }
        }
        Response blocked = demo().post("/v1/account/login", Fixtures.login(name, "KY")).send();
        assertThat(blocked.code()).isEqualTo("MAINTENANCE");
        assertThat(blocked.status()).isEqualTo(503);
        assertThat(demo().post("/v1/account/login", Fixtures.login(name, "BBIN")).send().code()).isEqualTo("Success");

        await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250))
                .until(() -> demo().post("/v1/account/login", Fixtures.login(name, "KY")).send().code().equals("Success"));
        assertThat(demo().get("/v1/games").send().json().path("Games").findValuesAsString("Status")).containsOnly("Normal");

        var bad = admin().send("PUT", "/admin/v1/games/Chess/maintenance", "{\"Enabled\":true}",
                environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(bad.code()).isEqualTo("TYPE_ERROR");
        var badUntil = admin().send("PUT", "/admin/v1/games/KY/maintenance", "{\"Enabled\":true,\"Until\":\"tomorrow\"}",
                environment.getRequiredProperty("gateway.security.admin-token"));
        assertThat(badUntil.json().path("ErrorCode").asString()).isEqualTo("INVALID_UNTIL");
        assertThat(demo().post("/v1/account/login", Fixtures.login(name, "KY")).send().code()).isEqualTo("Success");
    }
}
