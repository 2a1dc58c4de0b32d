package com.beiying.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Beiying Gateway: one jar, roles chosen by {@code gateway.roles}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Starts the gateway; in the embedded default also its own Kafka broker and PostgreSQL. */
    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
