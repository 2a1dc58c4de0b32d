package com.beiying.gateway;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Beiying Gateway: one jar, roles chosen by {@code gateway.roles}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /** Set by a launcher that forks the gateway and may die without stopping it (the pom sets it for spring-boot:run). */
    private static final String EXIT_WITH_PARENT = "beiying.exit-with-parent";

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
        exitWithParent();
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * {@code ./mvnw spring-boot:run} runs the gateway in a JVM of its own, a child of Maven's. A
     * Maven killed with {@code kill -9} has no chance to stop that child, which would run on as an
     * orphan holding the data directory, the ports and its PostgreSQL, and the next start would be
     * refused. So when asked, the gateway watches the process that started it and, once that is
     * gone, stops in order, as on SIGTERM. The JDK notices a process that is not its own child by
     * polling, within a few seconds.
     */
    private static void exitWithParent() {
        if (!Boolean.getBoolean(EXIT_WITH_PARENT)) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            LoggerFactory.getLogger(GatewayApplication.class)
                    .warn("the process that started this gateway (pid {}) is gone: stopping", parent.pid());
            System.exit(0);
        }));
    }
}
