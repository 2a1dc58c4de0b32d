package com.beiying.gateway.config;

import com.beiying.gateway.security.SecretBox;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's real infrastructure: an Apache Kafka KRaft broker from the Kafka jars
 * and PostgreSQL from real binaries, both in this JVM's care and both keeping their data in the
 * {@link EmbeddedDataDirectory}, so a restart continues where the last run stopped or died. One
 * instance per JVM, so a test run and every application context in it share one broker and one
 * database.
 */
final class EmbeddedInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static EmbeddedInfrastructure shared;

    private final EmbeddedDataDirectory directory;
    /** Null when the broker is not embedded. */
    private final KraftBroker kafka;
    private final PostgresServer postgres;
    private final String postgresPassword;

    private EmbeddedInfrastructure(EmbeddedDataDirectory directory, KraftBroker kafka, PostgresServer postgres,
                                   String postgresPassword) {
        this.directory = directory;
        this.kafka = kafka;
        this.postgres = postgres;
        this.postgresPassword = postgresPassword;
    }

    /** Starts the broker and database on first use; later calls return the running pair, whatever they ask. */
    static synchronized EmbeddedInfrastructure obtain(GatewayProperties.Embedded settings) {
        if (shared == null) {
            long start = System.nanoTime();
            EmbeddedDataDirectory directory = EmbeddedDataDirectory.open(
                    Path.of(Objects.requireNonNull(settings.dataDir(), "gateway.embedded.data-dir is not set")));
            try {
                // Before anything touches the files: a PostgreSQL that outlived a killed gateway
                // still serves them (and would keep the port, the old data and its connections).
                PostgresServer.stopStale(directory.postgresDataDirectory());
                if (settings.fresh()) {
                    log.info("starting afresh: wiping {}", directory.root());
                    directory.wipe();
                }
                String password = directory.secret(directory.postgresPasswordFile(), EmbeddedInfrastructure::randomToken);
                // The two share nothing: the broker starts on a thread of its own while PostgreSQL
                // runs initdb and comes up (start-up time, docs/performance.md).
                CompletableFuture<KraftBroker> broker = settings.broker()
                        ? CompletableFuture.supplyAsync(() -> KraftBroker.start(settings.kafkaPort(), directory.kafkaLogDirectory()),
                                task -> new Thread(task, "embedded-kafka-start").start())
                        : CompletableFuture.completedFuture(null);
                PostgresServer postgres;
                try {
                    postgres = PostgresServer.start(directory.postgresDataDirectory(),
                            directory.postgresPasswordFile(), password, settings.postgresPort(), settings.fsync());
                } catch (RuntimeException e) {
                    // The data directory is released after this: the broker must be down before.
                    try {
                        KraftBroker started = broker.join();
                        if (started != null) {
                            started.close();
                        }
                    } catch (RuntimeException brokerFailed) {
                        e.addSuppressed(brokerFailed);
                    }
                    throw e;
                }
                KraftBroker kafka;
                try {
                    kafka = broker.join();
                } catch (CompletionException e) {
                    postgres.close();
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
                shared = new EmbeddedInfrastructure(directory, kafka, postgres, password);
            } catch (RuntimeException e) {
                directory.close();
                throw e;
            }
            log.info("embedded Kafka {} and PostgreSQL {} on {} started in {} ms",
                    shared.kafkaBootstrapServers().orElse("(not embedded)"), shared.jdbcUrl(), directory.root(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return shared;
    }

    /** {@code host:port} of the embedded broker; empty when the broker is not embedded ({@code gateway.embedded.broker=false}). */
    Optional<String> kafkaBootstrapServers() {
        return Optional.ofNullable(kafka).map(KraftBroker::bootstrapServers);
    }

    /** JDBC URL of the database. */
    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** The password of the database's superuser (generated once, kept in the data directory). */
    String postgresPassword() {
        return postgresPassword;
    }

    /** The data directory, absolute. */
    Path dataDirectory() {
        return directory.root();
    }

    Path postgresPasswordFile() {
        return directory.postgresPasswordFile();
    }

    Path masterKeyFile() {
        return directory.masterKeyFile();
    }

    Path adminTokenFile() {
        return directory.adminTokenFile();
    }

    /**
     * The master key kept in the data directory, generated there on first use. It must outlive
     * the process like the database does: operator secrets sealed under it are stored there.
     * Called only when no master key is configured, so a configured one is never written down.
     */
    synchronized String masterKey() {
        return directory.secret(directory.masterKeyFile(), SecretBox::newMasterKey);
    }

    /** The admin token kept in the data directory, generated there on first use; only when none is configured. */
    synchronized String adminToken() {
        return directory.secret(directory.adminTokenFile(), EmbeddedInfrastructure::randomToken);
    }

    private static String randomToken() {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    /** Stops broker and database and releases the data directory; the data stays. */
    synchronized void close() {
        if (kafka != null) {
            kafka.close();
        }
        postgres.close();
        directory.close();
    }
}
