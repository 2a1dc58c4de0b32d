package com.beiying.gateway.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before any bean exists: when {@code gateway.embedded.enabled} is true, starts (or joins)
 * the JVM's embedded broker and database and points Spring's datasource and Kafka settings at
 * them. Keys and the admin token fall back to generated ones only in embedded mode; elsewhere
 * they must be configured.
 */
public final class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static volatile boolean shutdownRegistered;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("gateway.embedded.enabled", Boolean.class, false)) {
            return;
        }
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.obtain(
                env.getProperty("gateway.embedded.kafka-port", Integer.class, 9092),
                env.getProperty("gateway.embedded.postgres-port", Integer.class, 0));
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", infra.jdbcUrl());
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        if (isBlank(env.getProperty("gateway.security.master-key"))) {
            props.put("gateway.security.master-key", infra.masterKey());
        }
        if (isBlank(env.getProperty("gateway.security.admin-token"))) {
            props.put("gateway.security.admin-token", infra.adminToken());
            props.put("gateway.security.admin-token-generated", "true");
        }
        env.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", props));
        registerShutdown(infra);
    }

    private static synchronized void registerShutdown(EmbeddedInfrastructure infra) {
        if (!shutdownRegistered) {
            // Boot runs these after every application context has closed, so consumers stop first.
            SpringApplication.getShutdownHandlers().add(infra::close);
            shutdownRegistered = true;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
