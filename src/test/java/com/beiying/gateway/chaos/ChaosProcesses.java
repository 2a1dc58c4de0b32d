package com.beiying.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The processes the chaos suite kills: the gateway in its embedded default as a child JVM on a
 * data directory (broker, PostgreSQL, simulator, ingress and worker), extra worker JVMs attached to
 * its broker and database, its PostgreSQL server, and (for the last fault) its broker moved into a
 * JVM of its own. Real processes, real signals: a fault in the
 * test JVM's own threads would prove nothing about a crash.
 */
final class ChaosProcesses implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path data;
    private final Path logs;
    private final int httpPort;
    private final int kafkaPort;
    private final int simulatorPort;
    private final List<Process> started = new ArrayList<>();
    private Process gateway;
    private int gatewayStarts;
    /** The broker in its own JVM once {@link #moveBrokerOut} ran; until then the gateway's embedded one. */
    private Process broker;
    private int brokerStarts;
    /** The postmaster's command line as the gateway started it, kept to start the same server again. */
    private List<String> postmasterCommand;

    ChaosProcesses(Path root) throws IOException {
        this.data = root.resolve("data");
        this.logs = root.resolve("logs");
        // Logs of this run only (the data directory is wiped by the first start's fresh flag).
        if (Files.isDirectory(logs)) {
            try (var old = Files.list(logs)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(logs);
        this.httpPort = freePort();
        this.kafkaPort = freePort();
        this.simulatorPort = freePort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The simulated providers' wire: a fixed port, so a worker of its own finds it again after the gateway restarts. */
    String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort + "/simulator/v1";
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** Starts the embedded gateway on the data directory; {@code fresh} wipes it first (only the suite's first start). */
    void startGateway(boolean fresh) throws IOException {
        gatewayStarts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.beiying.gateway.messaging.avro",
                // The embedded pair of this data directory, whatever infrastructure the test run chose.
                "-Dgateway.test.infrastructure=embedded",
                "-cp", System.getProperty("java.class.path"), "com.beiying.gateway.GatewayApplication",
                "--server.port=" + httpPort,
                "--management.server.port=0",
                "--gateway.embedded.kafka-port=" + kafkaPort,
                "--gateway.embedded.data-dir=" + data.toAbsolutePath(),
                "--gateway.embedded.fresh=" + fresh,
                // Once the broker runs alone, the gateway starts only its database and uses that broker.
                "--gateway.embedded.broker=" + (broker == null),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                // Members betting on their own would move the provider balances the suite compares.
                "--gateway.simulator.play.enabled=false",
                "--gateway.simulator.port=" + simulatorPort,
                "--spring.jmx.enabled=false")
                .redirectErrorStream(true).redirectOutput(logs.resolve("gateway-" + gatewayStarts + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SPRING_"));
        gateway = builder.start();
        started.add(gateway);
    }

    /** Waits for {@code /readyz} on the public port; fails at once if the process died. */
    void awaitGatewayReady(Duration atMost) {
        Process process = gateway;
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("gateway exited, see %s", logs).isTrue();
            return ready();
        });
    }

    boolean ready() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Moves the broker into a JVM of its own, so it can fail alone: the gateway stops cleanly (its
     * embedded broker flushes its log), the same broker starts alone on the same log directory and
     * port, and the gateway starts again on its data directory without a broker of its own. Not a
     * fault: nothing is lost on the way, and the suite measures nothing during it.
     */
    void moveBrokerOut() throws Exception {
        gateway.destroy();
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("gateway stopped on SIGTERM").isTrue();
        startBroker();
        startGateway(false);
        awaitGatewayReady(Duration.ofSeconds(180));
    }

    /** Starts the broker alone on the data directory's broker log and waits until it answers. */
    void startBroker() throws IOException {
        brokerStarts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "com.beiying.gateway.config.StandaloneBroker",
                Integer.toString(kafkaPort), data.resolve("kafka").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("broker-" + brokerStarts + ".log").toFile());
        Process started = builder.start();
        this.started.add(started);
        broker = started;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(started.isAlive()).as("broker exited, see %s", logs).isTrue();
            return log("broker-" + brokerStarts).contains("broker ready on ");
        });
    }

    /** SIGKILL of the broker's own JVM: whatever it had not handed to the operating system is gone. */
    void killBroker() throws InterruptedException {
        broker.destroyForcibly().waitFor();
    }

    /** SIGKILL of the whole embedded gateway JVM; its PostgreSQL lives on until the next start stops it. */
    void killGateway() throws InterruptedException {
        gateway.destroyForcibly().waitFor();
    }

    /**
     * A worker in its own JVM on the gateway's broker and database, as a split deployment runs it.
     * Bet collection stays with the gateway's own worker: this one is here to be killed.
     */
    Process startWorker(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.beiying.gateway.messaging.avro",
                "-Dgateway.test.infrastructure=embedded",
                "-cp", System.getProperty("java.class.path"), "com.beiying.gateway.GatewayApplication",
                "--gateway.embedded.enabled=false",
                "--gateway.roles=worker",
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--spring.kafka.bootstrap-servers=localhost:" + kafkaPort,
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=" + secret("postgres-password"),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--gateway.security.master-key=" + secret("master-key"),
                "--gateway.security.admin-token=unused",
                "--gateway.bets.collect=false",
                "--gateway.providers.base-url=" + simulatorUrl());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.startsWith("SPRING_"));
        Process worker = builder.start();
        started.add(worker);
        return worker;
    }

    String log(String name) {
        try {
            return Files.readString(logs.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    String secret(String file) {
        try {
            return Files.readString(data.resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database of the current start (its port is chosen afresh at every start of the gateway). */
    Connection db() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", secret("postgres-password"));
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "20");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pidFile().get(3).trim() + "/postgres";
    }

    private List<String> pidFile() {
        try {
            return Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessHandle postmaster() {
        return ProcessHandle.of(Long.parseLong(pidFile().get(0).trim())).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException("no live postmaster for " + data));
    }

    /**
     * Stops PostgreSQL the way a crash of its host would leave it: SIGQUIT to the postmaster,
     * PostgreSQL's immediate shutdown (every server process quits at once, no checkpoint; the next
     * start replays the WAL). {@code pg_ctl stop -m immediate} sends the same signal, but refuses to
     * run as root, as CI machines often are. The gateway does not restart a PostgreSQL that went
     * away under it, so {@link #startPostgres} does.
     */
    void stopPostgres() throws IOException, InterruptedException {
        ProcessHandle server = postmaster();
        String command = server.info().command().orElseThrow();
        String[] arguments = server.info().arguments().orElseThrow();
        postmasterCommand = new ArrayList<>();
        postmasterCommand.add(command);
        postmasterCommand.addAll(List.of(arguments));
        Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(server.pid())).inheritIO().start();
        assertThat(quit.waitFor()).as("kill -QUIT of the postmaster").isZero();
        assertThat(server.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join()).as("postmaster stopped").isNotNull();
    }

    /**
     * Starts the same postmaster again on the same data directory, same port and settings. As root
     * it goes through {@code unshare -U}, as the gateway's own start does (zonky): PostgreSQL refuses
     * to run as root, and in a fresh user namespace it does not.
     */
    void startPostgres() throws IOException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(postmasterCommand);
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres-restarted.log").toFile())).start();
        started.add(server);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(server.isAlive()).as("restarted postgres exited, see %s", logs).isTrue();
            try (Connection c = db()) {
                return c.isValid(2);
            }
        });
    }

    /** SIGTERM to the gateway (it stops its PostgreSQL), then whatever is left is killed. */
    @Override
    public void close() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroy();
            gateway.waitFor(60, TimeUnit.SECONDS);
        }
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor();
        }
        // A postmaster left by a killed gateway (or started here) must not outlive the suite.
        Optional<ProcessHandle> left = Files.exists(data.resolve("postgres").resolve("postmaster.pid"))
                ? ProcessHandle.of(Long.parseLong(pidFile().get(0).trim())).filter(ProcessHandle::isAlive) : Optional.empty();
        if (left.isPresent() && left.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            List<ProcessHandle> children = left.get().descendants().toList();
            left.get().destroy();
            if (left.get().onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).join() == null) {
                left.get().destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
