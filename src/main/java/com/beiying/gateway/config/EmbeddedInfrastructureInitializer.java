package com.beiying.gateway.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before any bean exists: when {@code gateway.embedded.enabled} is true, starts (or joins)
 * the JVM's embedded broker and database and points Spring's datasource (with the database's
 * password) and Kafka settings at them (Kafka's only when the broker is embedded too). The master
 * key and the admin token fall back to the ones kept in the data directory only in embedded mode,
 * and only when none is configured (a configured one wins and is never written down); elsewhere
 * they must be configured.
 */
public final class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** Prefix of the informational properties naming the secret files in the data directory. */
    static final String FILES = "gateway.embedded.files.";
    private static volatile boolean shutdownRegistered;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("gateway.embedded.enabled", Boolean.class, false)) {
            return;
        }
        // The same record and relaxed binding as GatewayProperties (GATEWAY_EMBEDDED_DATADIR etc.).
        GatewayProperties.Embedded settings = Binder.get(env).bindOrCreate("gateway.embedded", GatewayProperties.Embedded.class);
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.obtain(settings);
        registerShutdown(infra);
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", infra.jdbcUrl());
        props.put("spring.datasource.username", PostgresServer.SUPERUSER);
        props.put("spring.datasource.password", infra.postgresPassword());
        infra.kafkaBootstrapServers().ifPresent(servers -> props.put("spring.kafka.bootstrap-servers", servers));
        // The directory really in use (absolute; the JVM's first context chose it), and where the
        // secrets are, for the start-up report: it names the files, never their contents.
        props.put("gateway.embedded.data-dir", infra.dataDirectory().toString());
        props.put(FILES + "postgres-password", infra.postgresPasswordFile().toString());
        if (isBlank(env.getProperty("gateway.security.master-key"))) {
            props.put("gateway.security.master-key", infra.masterKey());
            props.put(FILES + "master-key", infra.masterKeyFile().toString());
        }
        if (isBlank(env.getProperty("gateway.security.admin-token"))) {
            props.put("gateway.security.admin-token", infra.adminToken());
            props.put(FILES + "admin-token", infra.adminTokenFile().toString());
        }
        env.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", props));
    }

    private static synchronized void registerShutdown(EmbeddedInfrastructure infra) {
        if (!shutdownRegistered) {
            // Boot runs these after every application context has closed, so consumers stop first,
            // and the relays and collectors release their leases while the database still answers.
            // The only stop of the pair: a JVM shutdown hook of their own would run alongside
            // Spring's and end PostgreSQL under the closing context.
            SpringApplication.getShutdownHandlers().add(infra::close);
            shutdownRegistered = true;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
