package com.beiying.gateway.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' Kafka and PostgreSQL come from: containers (Testcontainers) when a Docker
 * engine answers, else the in-process broker and database of the embedded default
 * ({@code config.EmbeddedInfrastructure}). {@code -Dgateway.test.infrastructure=containers|embedded|auto}
 * (default {@code auto}) forces either; forcing containers without Docker fails at once, saying so.
 * The containers start once per test JVM, like the embedded pair, and every application context
 * of the run (the shared test context and the extra instances of {@link GatewayInstances}) uses them.
 */
public final class TestInfrastructure {
    /** The system property choosing the infrastructure. */
    public static final String PROPERTY = "gateway.test.infrastructure";
    static final String KAFKA_IMAGE = "apache/kafka-native:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:18-alpine";

    /** What the property asks for. */
    public enum Mode {
        CONTAINERS, EMBEDDED, AUTO;

        /** The mode a property value names; blank is AUTO. */
        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected containers, embedded or auto");
            }
        }
    }

    /** What the tests run on. */
    public enum Choice {
        CONTAINERS, EMBEDDED
    }

    private static Map<String, Object> containerProperties;
    private static Choice chosen;

    private TestInfrastructure() {
    }

    /**
     * Decides: AUTO takes containers exactly when Docker answers; CONTAINERS without Docker is a
     * clear failure rather than a quiet fall-back, since whoever forced it wants to know.
     */
    public static Choice choose(Mode mode, BooleanSupplier dockerAvailable) {
        return switch (mode) {
            case EMBEDDED -> Choice.EMBEDDED;
            case AUTO -> dockerAvailable.getAsBoolean() ? Choice.CONTAINERS : Choice.EMBEDDED;
            case CONTAINERS -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=containers, but no Docker engine answers "
                            + "(Testcontainers found none: DOCKER_HOST, /var/run/docker.sock, ~/.testcontainers.properties); "
                            + "start one, or use -D" + PROPERTY + "=embedded or auto");
                }
                yield Choice.CONTAINERS;
            }
        };
    }

    /** The choice for this JVM, from the system property and Testcontainers' look for Docker; made once. */
    public static synchronized Choice current() {
        if (chosen == null) {
            chosen = choose(Mode.parse(System.getProperty(PROPERTY)), TestInfrastructure::dockerAvailable);
        }
        return chosen;
    }

    /** Whether Testcontainers finds a Docker engine that answers. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Starts the containers on first use and says how to reach them, as gateway properties. */
    static synchronized Map<String, Object> containers() {
        if (containerProperties == null) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
            kafka.start();
            postgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                postgres.stop();
            }, "test-containers-stop"));
            containerProperties = properties(kafka.getBootstrapServers(), postgres.getJdbcUrl(), postgres.getUsername(),
                    postgres.getPassword());
        }
        return containerProperties;
    }

    /**
     * Properties pointing a gateway at an outside broker and database, with the demo operator
     * and keys that the embedded default would otherwise have made.
     */
    static Map<String, Object> properties(String bootstrapServers, String jdbcUrl, String user, String password) {
        SecureRandom random = new SecureRandom();
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        byte[] token = new byte[24];
        random.nextBytes(token);
        Map<String, Object> props = new HashMap<>();
        props.put("gateway.embedded.enabled", false);
        props.put("gateway.embedded.seed-demo-operator", true);
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        props.put("gateway.security.master-key", Base64.getEncoder().encodeToString(masterKey));
        props.put("gateway.security.admin-token", HexFormat.of().formatHex(token));
        return props;
    }

    /**
     * Runs before the embedded infrastructure's initializer (registered in the test resources'
     * spring.factories): on containers it turns the embedded default off and points the context
     * at the containers; on embedded it does nothing.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            // A context already pointed at an outside broker and database (a test's child process
            // is given the run's) keeps them: only the embedded pair is replaced.
            if (!context.getEnvironment().getProperty("gateway.embedded.enabled", Boolean.class, true)) {
                return;
            }
            if (current() == Choice.CONTAINERS) {
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testContainers", containers()));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
