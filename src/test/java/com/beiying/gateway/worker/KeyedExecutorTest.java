package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One member's commands run in order; a slow member holds up nobody else. */
class KeyedExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final KeyedExecutor executor = new KeyedExecutor(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunInSubmissionOrder() {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            String key = "member-" + (i % 5);
            executor.submit(key, () -> seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(n));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.values().stream().mapToInt(List::size).sum() == 500);
        seen.forEach((key, order) -> assertThat(order).as(key).isSorted());
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 0);
    }

    @Test
    void aBlockedKeyDoesNotHoldUpAnother() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        executor.submit("slow", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        executor.submit("fast", otherRan::countDown);
        assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
        // The fast key leaves the table once its task is done; the slow one stays until released.
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.activeKeys() == 0);
    }
}
