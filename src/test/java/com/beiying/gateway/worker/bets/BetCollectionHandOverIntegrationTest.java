package com.beiying.gateway.worker.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jdbi.v3.core.generic.GenericType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acceptance 3 of bet records (docs/bets.md, "Collection"): with two worker processes, each
 * provider is collected by one at a time; killing the holder with SIGKILL hands every provider to
 * the other within the lease time, and the bets placed all along are stored once each, none
 * missing. This JVM's own collectors stand aside meanwhile, so the two workers are alone.
 */
class BetCollectionHandOverIntegrationTest extends IntegrationTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration PULL = Duration.ofMillis(300);
    private static final List<Game> PLAYED = List.of(Game.KY, Game.XJ188);

    @Autowired
    private BetCollectors collectors;

    @Test
    void killingTheHolderHandsEveryProviderOverWithoutGapOrDuplicate() throws Exception {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        for (Game game : PLAYED) {
            admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                    + "\",\"Credit\":\"100000.00\"}", token);
            assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                    + "\",\"OrderID\":\"h" + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"5000.00\",\"Action\":\"IN\"}")
                    .send().code()).isEqualTo("Success");
        }
        Map<Game, String> accounts = PLAYED.stream().collect(Collectors.toMap(g -> g, g -> queryString(
                "SELECT account_name FROM provider_accounts p JOIN members m USING (member_id) WHERE m.operator_id = ?"
                        + " AND m.user_name = ? AND p.game = ?", op.operatorId(), name, g.code())));

        collectors.stop();
        List<Process> workers = new ArrayList<>();
        ExecutorService placing = Executors.newSingleThreadExecutor();
        AtomicBoolean place = new AtomicBoolean(true);
        try {
            workers.add(startWorker("handover-a"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> heldBy("handover-a"));
            Map<String, Long> epochs = epochs();
            workers.add(startWorker("handover-b"));
            await().atMost(Duration.ofSeconds(90)).until(() -> started("handover-b"));

            // Bets keep coming at KY and XJ188 before, during and after the hand-over, each just old
            // enough for the provider to serve it.
            Simulator sim = new Simulator(baseUrl());
            Future<List<String>> placed = placing.submit(() -> {
                List<String> ids = new ArrayList<>();
                while (place.get()) {
                    for (Game game : PLAYED) {
                        Instant at = Instant.now().minus(Duration.ofSeconds(65)).truncatedTo(ChronoUnit.SECONDS);
                        ids.add(game.code() + "-" + sim.placeBet(game.code(), accounts.get(game), "7", "1.00", "1.50", at));
                    }
                    Thread.sleep(100);
                }
                return ids;
            });
            Thread.sleep(2_000);
            assertThat(heldBy("handover-a")).as("the second worker takes nothing while the first lives").isTrue();

            workers.get(0).destroyForcibly().waitFor();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> heldBy("handover-b"));
            Duration handOver = Duration.ofNanos(System.nanoTime() - killed);
            // Within the lease time: B takes each lease at its first pull after A's last renewal expired.
            assertThat(handOver).isLessThan(LEASE.plus(PULL.multipliedBy(2)).plusSeconds(1));
            epochs().forEach((lease, epoch) -> assertThat(epoch).as(lease).isEqualTo(epochs.get(lease) + 1));

            Thread.sleep(2_000);
            place.set(false);
            List<String> betIds = placed.get();
            int total = betIds.size();
            // Every placed bet stored (matched by id, not by count, so a bet whose placing answer was
            // lost cannot hide a missing one) ...
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(queryStrings("SELECT game || '-' || provider_bet_id FROM bets WHERE operator_id = ?", op.operatorId()))
                            .containsAll(betIds));
            // ... and none doubled: one revision per bet, each stored once.
            assertThat(queryStrings("SELECT concat_ws(' ', position, game, provider_bet_id, revision, status, bet_amount, payout,"
                    + " bet_time, settled_at, updated_at) FROM bet_revisions r WHERE operator_id = ? AND (game, provider_bet_id) IN"
                    + " (SELECT game, provider_bet_id FROM bet_revisions WHERE operator_id = ? GROUP BY 1, 2 HAVING count(*) > 1)"
                    + " ORDER BY position", op.operatorId(), op.operatorId())).as("revisions of bets stored more than once").isEmpty();
            assertThat(count("SELECT count(*) FROM bets WHERE operator_id = ? AND revision <> 1", op.operatorId())).isZero();
            System.out.printf("hand-over after SIGKILL: %d ms (lease %s); %d bets, none missing or doubled%n", handOver.toMillis(),
                    LEASE, total);
        } finally {
            place.set(false);
            placing.shutdownNow();
            workers.forEach(Process::destroyForcibly);
            for (Process w : workers) {
                w.waitFor();
            }
            collectors.start();
        }
    }

    /** Whether every provider's collector lease is held, all by one instance. */
    private boolean heldBy(String instance) {
        Map<String, String> holders = holders();
        return holders.size() == Game.values().length && holders.values().stream().allMatch(instance::equals);
    }

    /** Holder of each collector lease that has not expired. */
    private Map<String, String> holders() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, holder FROM leases WHERE name LIKE 'collector:%'"
                + " AND expires_at > clock_timestamp()").setMapKeyColumn("name").setMapValueColumn("holder")
                .collectInto(new GenericType<Map<String, String>>() { }));
    }

    private Map<String, Long> epochs() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, epoch FROM leases WHERE name LIKE 'collector:%'")
                .setMapKeyColumn("name").setMapValueColumn("epoch")
                .collectInto(new GenericType<Map<String, Long>>() { }));
    }

    private boolean started(String instance) throws Exception {
        return Files.readString(log(instance)).contains("Started GatewayApplication");
    }

    private static Path log(String instance) {
        return Path.of(System.getProperty("java.io.tmpdir"), "bets-" + instance + ".log");
    }

    /** A worker in its own JVM on this test's broker and database, collecting, so that it can really be killed. */
    private Process startWorker(String instance) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), "com.beiying.gateway.GatewayApplication",
                "--gateway.embedded.enabled=false",
                "--gateway.roles=worker",
                "--gateway.instance-id=" + instance,
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--gateway.security.master-key=" + environment.getRequiredProperty("gateway.security.master-key"),
                "--gateway.security.admin-token=unused",
                // Its own topics: it must not take this JVM's commands; it only collects here.
                "--gateway.kafka.topic-prefix=handover" + System.nanoTime() + ".",
                "--gateway.kafka.command-partitions=1",
                "--gateway.kafka.reply-partitions=1",
                "--gateway.providers.base-url=" + simulatorUrl(),
                "--gateway.bets.pull-interval=" + PULL.toMillis() + "ms",
                "--gateway.bets.lease-time=" + LEASE.toSeconds() + "s",
                "--gateway.bets.first-pull=2h");
        File out = log(instance).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
    }
}
