package com.beiying.gateway.config;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default's broker alone in a JVM of its own ({@code StandaloneBroker PORT LOG_DIR}):
 * the same KRaft broker with the same settings, on a log directory the embedded default formatted
 * or a new one. The chaos suite runs it beside a gateway started with
 * {@code gateway.embedded.broker=false}, so that the broker can be killed and restarted while the
 * gateway and its database live on.
 */
public final class StandaloneBroker {
    private StandaloneBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        KraftBroker broker = KraftBroker.start(Integer.parseInt(args[0]), Path.of(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println("broker ready on " + broker.bootstrapServers());
        new CountDownLatch(1).await(); // until the process is stopped or killed
    }
}
