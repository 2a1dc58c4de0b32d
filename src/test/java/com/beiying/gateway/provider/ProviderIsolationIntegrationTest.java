package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, acceptance 3: with one provider answering after 30 seconds, 200 concurrent logins spread
 * over all eight games; the logins to the other seven keep their normal latency.
 *
 * <p>The bound: the other games' p95 under the fault may be at most twice the p95 of the same 200
 * logins without the fault, measured just before in this test, plus 250 ms of slack for a shared
 * 2-core machine, and none of them may take as long as the provider read timeout (3 s). Why it
 * holds: the slow provider can occupy at most its bulkhead (16 calls) of the 32 command threads,
 * its circuit opens on the failures, and one member's slow command never delays another member's,
 * even on the same partition. If the slow provider blocked its partitions, the others would wait
 * for the 3 s read timeout and break both bounds.
 */
class ProviderIsolationIntegrationTest extends IntegrationTest {
    private static final int LOGINS = 200;

    @AfterEach
    void liftFaults() {
        new Simulator(baseUrl()).clearFaults();
    }

    private record Login(String game, Response response, long millis) {
    }

    @Test
    void aThirtySecondProviderDoesNotSlowTheOtherSeven() {
        Game[] games = Game.values();
        // Setup, not under test: Argon2id hashing is CPU-bound, so register a few at a time; when this is the
        // JVM's first test its JIT has not compiled Argon2 yet and a registration may outlast the reply timeout.
        List<String> members = new ArrayList<>();
        for (int batch = 0; batch < LOGINS / 8; batch++) {
            List<CompletableFuture<Response>> registering = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = Fixtures.userName();
                members.add(name);
                registering.add(demo().post("/v1/account/register", Fixtures.register(name, "abc12345")).sendAsyncAnswered());
            }
            registering.forEach(f -> assertThat(f.join().code()).isEqualTo("Success"));
        }

        // Warm-up: the first logins open the provider accounts; normal latency is that of later logins.
        loginAll(members, games).forEach(l -> assertThat(l.response().code()).isEqualTo("Success"));
        List<Login> baseline = loginAll(members, games);
        assertThat(baseline).allSatisfy(l -> assertThat(l.response().code()).as(l.response().body()).isEqualTo("Success"));
        long baselineP95 = p95(baseline, Game.AGLIVE);

        new Simulator(baseUrl()).fault("AGLive", "launch", "LATENCY", 30_000);
        List<Login> underFault = loginAll(members, games);
        List<Login> others = underFault.stream().filter(l -> !l.game().equals("AGLive")).toList();
        assertThat(others).allSatisfy(l -> assertThat(l.response().code()).as(l.response().body()).isEqualTo("Success"));
        long othersP95 = p95(underFault, Game.AGLIVE);
        long othersMax = others.stream().mapToLong(Login::millis).max().orElseThrow();
        System.out.printf("isolation: other games p95 %d ms without the fault, %d ms with it (max %d ms)%n",
                baselineP95, othersP95, othersMax);
        assertThat(othersP95).isLessThanOrEqualTo(2 * baselineP95 + 250);
        assertThat(othersMax).isLessThan(3_000);

        List<Login> slow = underFault.stream().filter(l -> l.game().equals("AGLive")).toList();
        assertThat(slow).allSatisfy(l -> {
            assertThat(l.response().code()).isEqualTo("BUSY");
            // Cut at the 3 s read timeout, not after the provider's 30 s; the margin is for a
            // loaded shared machine (4.0 s was seen next to a parallel build).
            assertThat(l.millis()).isLessThan(3_000 + 5_000);
        });
    }

    private List<Login> loginAll(List<String> members, Game[] games) {
        List<CompletableFuture<Login>> futures = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String game = games[i % games.length].code();
            long start = System.nanoTime();
            futures.add(demo().post("/v1/account/login", Fixtures.login(members.get(i), game)).sendAsync()
                    .thenApply(r -> new Login(game, r, Duration.ofNanos(System.nanoTime() - start).toMillis())));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static long p95(List<Login> logins, Game excluded) {
        long[] sorted = logins.stream().filter(l -> !l.game().equals(excluded.code())).mapToLong(Login::millis).sorted().toArray();
        return sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    }
}
