package com.beiying.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Beiying Gateway: one jar, roles chosen by {@code gateway.roles}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /** Starts the gateway; in the embedded default also its own Kafka broker and PostgreSQL. */
    public static void main(String[] args) {
        // With fewer than two threads in the common pool (any machine of two cores or fewer),
        // CompletableFuture runs each async stage on a thread of its own, and the JDK HTTP client's
        // sendAsync adds one such stage to every call: a new thread per provider call (JFR counted
        // 7,146 threads started in 16 s of logins). Read once, when the pool is first used, so set
        // here before anything runs; a value given on the command line wins.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
