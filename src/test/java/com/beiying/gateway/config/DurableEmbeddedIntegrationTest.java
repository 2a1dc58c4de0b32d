package com.beiying.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the embedded default keeps members, orders, balances, operators, keys, collected bets
 * and events not yet relayed across a {@code kill -9}, leaves no database server behind, and lets
 * nobody into its database without the password. Real processes throughout: the gateway runs in child JVMs (broker and PostgreSQL
 * included) on a temporary data directory, is killed with SIGKILL, restarted on the same
 * directory and finally stopped with SIGTERM.
 */
class DurableEmbeddedIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String EVENTS_TOPIC = "beiying.events";
    private static final String EVENT_RELAY_LEASE = "relay:topic:" + EVENTS_TOPIC;

    @TempDir
    Path temp;

    @Test
    void everythingSurvivesKillMinus9AndNoDatabaseServerIsLeftBehind() throws Exception {
        Path data = temp.resolve("data");
        Path postgresData = data.resolve("postgres");
        int httpPort = freePort();
        int kafkaPort = freePort();
        String base = "http://127.0.0.1:" + httpPort;
        List<Process> started = new ArrayList<>();
        try {
            Process first = start(data, httpPort, kafkaPort, "first", started);
            awaitReady(first, httpPort, "first");
            assertOwnerOnly(data);
            String adminToken = Files.readString(data.resolve("admin-token")).trim();
            String password = Files.readString(data.resolve("postgres-password")).trim();
            String masterKey = Files.readString(data.resolve("master-key")).trim();
            assertThat(log("first")).as("secrets are never logged")
                    .doesNotContain(adminToken).doesNotContain(password).doesNotContain(masterKey)
                    .contains(data.resolve("admin-token").toString());

            GatewayClient demo = new GatewayClient(base, DemoOperator.API_KEY, DemoOperator.SECRET);
            String member = Fixtures.userName();
            String orderId = "durable" + Fixtures.requestId().substring(2, 18);
            assertThat(answered(() -> demo.post("/v1/account/register", Fixtures.register(member, "abc12345"))).code())
                    .isEqualTo("Success");
            int postgresPort = postgresPort(postgresData);
            // Events written but not yet relayed must survive too. A stalled instance holds the
            // events relay's lease (as one that hangs would), so the transfer's events stay in the
            // outbox until the test lets the lease go after the restart.
            sql(postgresPort, password, "INSERT INTO leases (name, holder, epoch, expires_at) VALUES (?, 'stalled-instance', 1,"
                    + " now() + interval '1 hour') ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                    + " epoch = leases.epoch + 1, expires_at = excluded.expires_at", EVENT_RELAY_LEASE);
            Response transfer = answered(() -> demo.post("/v1/account/transfer", "{\"UserName\":\"" + member
                    + "\",\"Game\":\"KY\",\"OrderID\":\"" + orderId + "\",\"Money\":\"100.50\",\"Action\":\"IN\"}"));
            assertThat(transfer.json().path("Status").asString()).as(transfer.body()).isEqualTo("Success");
            AdminApi.Operator operator = new AdminApi(base, adminToken).createLoopback("");
            // A bet at KY, old enough for KY to serve it, collected before the kill (stake and
            // payout equal, so the member's balance stays the transfer's).
            String account = query(postgresPort, password, "SELECT account_name FROM provider_accounts p JOIN members m"
                    + " USING (member_id) WHERE m.user_name = ? AND p.game = 'KY'", member).get(0);
            String betId = "KY-" + new Simulator(base).placeBet("KY", account, "1", "3.00", "3.00",
                    Instant.now().minus(Duration.ofSeconds(65)).truncatedTo(ChronoUnit.SECONDS));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    demo.post("/v1/bet/record", "{\"BetId\":\"" + betId + "\"}").send().code(), "Success"::equals);
            List<String> unrelayed = unrelayedEvents(postgresPort, password);
            List<String> transferEvents = query(postgresPort, password, "SELECT event_id FROM outbox"
                    + " WHERE position(convert_to(?, 'UTF8') in payload) > 0", orderId);
            assertThat(transferEvents).as("the transfer's events, unrelayed").isNotEmpty().isSubsetOf(unrelayed);
            // Only the transfer's: an earlier event may have been sent by a pass that then lost the lease.
            assertThat(eventIds(kafkaPort)).as("the transfer's events on the topic before the kill")
                    .doesNotContainAnyElementsOf(transferEvents);
            long killedPostmaster = postmasterPid(postgresData);

            first.destroyForcibly().waitFor();
            // What the issue saw: the killed gateway's PostgreSQL lives on (until the next start stops it).
            assertThat(ProcessHandle.of(killedPostmaster)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            Process second = start(data, httpPort, kafkaPort, "second", started);
            awaitReady(second, httpPort, "second");
            assertThat(ProcessHandle.of(killedPostmaster).filter(ProcessHandle::isAlive)).as("stale postmaster stopped").isEmpty();
            long postmaster = postmasterPid(postgresData);
            assertThat(postmasters(postgresData)).as("postmasters of " + postgresData).extracting(ProcessHandle::pid)
                    .containsExactly(postmaster);

            // The restarted worker gets its partitions once the group drops the killed member (its
            // session timeout); until then a command may answer TIMEOUT (see answered).
            Response again = answered(() -> demo.post("/v1/account/register", Fixtures.register(member, "abc12345")));
            assertThat(again.code()).as(again.body()).isEqualTo("EXISTSUSER");
            Response order = demo.post("/v1/account/order", "{\"OrderID\":\"" + orderId + "\"}").send();
            assertThat(order.json().path("Status").asString()).as(order.body()).isEqualTo("Success");
            assertThat(order.json().path("UserName").asString()).isEqualTo(member);
            assertThat(order.json().path("Money").asString()).isEqualTo("100.50");
            Response balance = demo.post("/v1/account/balance", "{\"UserName\":\"" + member + "\",\"Game\":\"KY\"}").send();
            assertThat(balance.json().path("Balance").asString()).as(balance.body()).isEqualTo("100.50");
            Response signed = operator.client(base).get("/v1/games").send();
            assertThat(signed.code()).as("the created operator's key, opened with the stored master key: " + signed.body())
                    .isEqualTo("Success");
            assertThat(new AdminApi(base, adminToken).patch(operator.operatorId(), "{\"RateLimit\":400}").code())
                    .as("the stored admin token still opens the admin API").isEqualTo("Success");

            int restartedPort = postgresPort(postgresData);
            Response bet = demo.post("/v1/bet/record", "{\"BetId\":\"" + betId + "\"}").send();
            assertThat(bet.code()).as(bet.body()).isEqualTo("Success");
            assertThat(bet.json().path("BetAmount").asString()).as(bet.body()).isEqualTo("3.00");
            assertThat(bet.json().path("UserName").asString()).as(bet.body()).isEqualTo(member);
            Response feed = demo.post("/v1/bet/feed", "{\"PageSize\":500}").send();
            assertThat(feed.json().path("Records").findValuesAsString("BetId")).as("the feed after the restart: " + feed.body())
                    .containsExactly(betId);
            assertThat(unrelayedEvents(restartedPort, password)).as("still waiting for the relay's lease").containsAll(unrelayed);
            // The stalled instance's lease runs out: the restarted gateway's relay takes it over.
            sql(restartedPort, password, "UPDATE leases SET expires_at = now() WHERE name = ? AND holder = 'stalled-instance'",
                    EVENT_RELAY_LEASE);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(query(restartedPort, password, "SELECT event_id FROM outbox WHERE relayed_at IS NULL", null))
                        .as("unrelayed outbox rows").isEmpty();
                assertThat(eventIds(kafkaPort)).as("the events written before the kill, on the topic").containsAll(unrelayed);
            });
            assertRefused(restartedPort, null);
            assertRefused(restartedPort, "wrong-" + password);
            try (Connection c = connect(restartedPort, password); var s = c.createStatement()) {
                assertThat(c.isValid(2)).as("the password from the data directory works").isTrue();
                for (String[] setting : new String[][] {{"listen_addresses", "localhost"}, {"fsync", "on"},
                        {"synchronous_commit", "on"}, {"password_encryption", "scram-sha-256"}}) {
                    try (var rs = s.executeQuery("SHOW " + setting[0])) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as(setting[0]).isEqualTo(setting[1]);
                    }
                }
            }
            assertLoopbackOnly(restartedPort);
            assertLoopbackOnly(kafkaPort);

            List<ProcessHandle> serverProcesses = new ArrayList<>(ProcessHandle.of(postmaster).orElseThrow().descendants().toList());
            serverProcesses.add(ProcessHandle.of(postmaster).orElseThrow());
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(serverProcesses).noneMatch(ProcessHandle::isAlive);
                assertThat(postmasters(postgresData)).isEmpty();
            });
            assertThat(postgresData.resolve("postmaster.pid")).doesNotExist();
            // The database stops after the application has closed, not alongside it: the relays and
            // bet collectors release their leases on the way out (PostgreSQL's 57P01 when it was
            // stopped by a shutdown hook of its own running in parallel with Spring's).
            assertThat(log("second")).as("a normal stop ends PostgreSQL after the gateway's last statement")
                    .doesNotContain("terminating connection due to administrator command");
        } finally {
            started.forEach(Process::destroyForcibly);
            for (Process p : started) {
                p.waitFor();
            }
            PostgresServer.stopStale(postgresData);
        }
    }

    /** The gateway in its embedded default, as {@code java -cp … GatewayApplication}, on {@code data}. */
    private Process start(Path data, int httpPort, int kafkaPort, String name, List<Process> started) throws IOException {
        return launch(command(data, httpPort, kafkaPort), name, started);
    }

    private static List<String> command(Path data, int httpPort, int kafkaPort, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.beiying.gateway.messaging.avro",
                // This test is about the embedded pair's own data directory, whatever the run's tests use.
                "-Dgateway.test.infrastructure=embedded"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.beiying.gateway.GatewayApplication",
                "--server.port=" + httpPort,
                "--management.server.port=0",
                "--gateway.embedded.kafka-port=" + kafkaPort,
                "--gateway.embedded.data-dir=" + data,
                // Simulated members betting on their own would move the balance this test checks.
                "--gateway.simulator.play.enabled=false",
                "--spring.jmx.enabled=false"));
        return command;
    }

    private Process launch(List<String> command, String name, List<Process> started) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile(name).toFile());
        // Nothing from the developer's environment: keys and token must come from the data directory.
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SPRING_"));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /**
     * {@code ./mvnw spring-boot:run} runs the gateway as a child of Maven's JVM, with
     * {@code beiying.exit-with-parent}; a Maven killed with {@code kill -9} cannot stop its child, so
     * the gateway must notice and stop in order by itself, its PostgreSQL with it. A shell plays
     * the launcher here.
     */
    @Test
    void aGatewayWhoseLauncherIsKilledStopsInOrder() throws Exception {
        Path data = temp.resolve("launched");
        Path postgresData = data.resolve("postgres");
        int httpPort = freePort();
        List<Process> started = new ArrayList<>();
        List<ProcessHandle> gateways = new ArrayList<>();
        try {
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" & wait", "launcher"));
            command.addAll(command(data, httpPort, freePort(), "-Dbeiying.exit-with-parent=true"));
            Process launcher = launch(command, "launched", started);
            awaitReady(launcher, httpPort, "launched");
            ProcessHandle gateway = launcher.children().findFirst().orElseThrow();
            gateways.add(gateway);
            List<ProcessHandle> postgres = new ArrayList<>(postmasters(postgresData));
            assertThat(postgres).as("postmasters of " + postgresData).hasSize(1);
            postgres.addAll(postgres.get(0).descendants().toList());

            launcher.destroyForcibly().waitFor();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(gateway.isAlive()).as("the gateway, its launcher killed").isFalse();
                assertThat(postgres).noneMatch(ProcessHandle::isAlive);
            });
            assertThat(postgresData.resolve("postmaster.pid")).doesNotExist();
            assertThat(log("launched")).contains("is gone: stopping")
                    .doesNotContain("terminating connection due to administrator command");
        } finally {
            // The gateway outlives a killed launcher: if it did not stop by itself, it is stopped here.
            gateways.forEach(ProcessHandle::destroyForcibly);
            started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
            started.forEach(Process::destroyForcibly);
            PostgresServer.stopStale(postgresData);
        }
    }

    /**
     * Sends a command until it is answered: a TIMEOUT (a cold or restarting worker on a loaded
     * machine) is asked again with the same request id, as the API tells operators to, so the
     * command still runs at most once. It must be answered within 60 s.
     */
    private static Response answered(Supplier<GatewayClient.Call> call) {
        String requestId = Fixtures.requestId();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> call.get().requestId(requestId).send(), r -> !"TIMEOUT".equals(r.code()));
    }

    private void awaitReady(Process process, int httpPort, String name) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as(() -> "gateway " + name + " exited:\n" + log(name)).isTrue();
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/readyz")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void assertOwnerOnly(Path data) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        for (String secret : List.of("admin-token", "master-key", "postgres-password", "postgres/pg_hba.conf")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret)))).as(secret)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("kafka")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres")))).isEqualTo("rwx------");
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> {
            try (Connection c = connect(port, password)) {
                c.isValid(1);
            }
        }).as("connection with password %s", password == null ? "(none)" : "(wrong)").isInstanceOf(SQLException.class);
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    /** Nothing answers on this port at any address of this machine but the loopback. */
    private static void assertLoopbackOnly(int port) throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().filter(n -> {
            try {
                return n.isUp() && !n.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).toList()) {
            for (InetAddress address : nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList()) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 1000))
                            .as("port %d on %s", port, address).isInstanceOf(IOException.class);
                }
            }
        }
    }

    /** The ids ({@code ce_id}) of every event on the events topic, read as an outside consumer would. */
    private static List<String> eventIds(int kafkaPort) {
        return Topics.readAll("127.0.0.1:" + kafkaPort, EVENTS_TOPIC).stream().map(r -> Topics.header(r, "ce_id")).toList();
    }

    private static void sql(int port, String password, String statement, String parameter) throws SQLException {
        try (Connection c = connect(port, password); PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, parameter);
            s.executeUpdate();
        }
    }

    /** The first column of every row the query answers, its one parameter bound (none when null). */
    private static List<String> query(int port, String password, String statement, String parameter) throws SQLException {
        try (Connection c = connect(port, password); PreparedStatement s = c.prepareStatement(statement)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    /** The events of the events topic still in the outbox, in the order they were written. */
    private static List<String> unrelayedEvents(int port, String password) throws SQLException {
        return query(port, password, "SELECT event_id FROM outbox WHERE topic = ? AND relayed_at IS NULL ORDER BY id", EVENTS_TOPIC);
    }

    /** The port of the running postmaster (line 4 of postmaster.pid): PostgreSQL takes a free one at each start. */
    private static int postgresPort(Path postgresData) throws IOException {
        return Integer.parseInt(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(3).trim());
    }

    private static long postmasterPid(Path postgresData) throws IOException {
        return Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim());
    }

    /** Every running postmaster started on this data directory (backends rewrite their command line; the postmaster keeps {@code -D <dir>}). */
    private static List<ProcessHandle> postmasters(Path postgresData) {
        String dir = postgresData.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(dir)).orElse(false))
                .toList();
    }

    private static Path logFile(String name) {
        return Path.of("target", "durable-embedded-" + name + ".log");
    }

    private static String log(String name) {
        try {
            return Files.readString(logFile(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
