package com.beiying.gateway.config;

import com.beiying.gateway.security.SecretBox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's real infrastructure: an Apache Kafka KRaft broker from the Kafka jars
 * and PostgreSQL from real binaries, both in this JVM's care. One instance per JVM, so a test run
 * and every application context in it share one broker and one database.
 */
final class EmbeddedInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static EmbeddedInfrastructure shared;

    private final KraftBroker kafka;
    private final EmbeddedPostgres postgres;
    private final String masterKey;
    private final String adminToken;

    private EmbeddedInfrastructure(KraftBroker kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.masterKey = SecretBox.newMasterKey();
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.adminToken = HexFormat.of().formatHex(token);
    }

    /** Starts the broker and database on first use; later calls return the running pair. */
    public static synchronized EmbeddedInfrastructure obtain(int kafkaPort, int postgresPort) {
        if (shared == null) {
            long start = System.nanoTime();
            EmbeddedPostgres postgres = startPostgres(postgresPort);
            KraftBroker kafka = KraftBroker.start(kafkaPort);
            shared = new EmbeddedInfrastructure(kafka, postgres);
            log.info("embedded Kafka {} and PostgreSQL {} started in {} ms", shared.kafkaBootstrapServers(),
                    shared.jdbcUrl(), (System.nanoTime() - start) / 1_000_000);
        }
        return shared;
    }

    private static EmbeddedPostgres startPostgres(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(true);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    /** {@code host:port} of the broker. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** JDBC URL of the database. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A master key generated for this JVM (the embedded database lives no longer than it). */
    public String masterKey() {
        return masterKey;
    }

    /** An admin token generated for this JVM, used when none is configured. */
    public String adminToken() {
        return adminToken;
    }

    /** Stops broker and database. */
    public synchronized void close() {
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
