package com.beiying.gateway.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs tasks with the same key one after another, in submission order, and tasks with different
 * keys in parallel on a bounded pool: one member's commands keep their order while a slow
 * provider call for one member never waits on, or holds up, another member's command.
 */
final class KeyedExecutor {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    KeyedExecutor(ExecutorService pool) {
        this.pool = pool;
    }

    /** Queues the task behind earlier tasks of its key; the task must not throw. */
    void submit(String key, Runnable task) {
        CompletableFuture<Void>[] mine = new CompletableFuture[1];
        tails.compute(key, (k, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            mine[0] = previous.thenRunAsync(task, pool);
            return mine[0];
        });
        mine[0].whenComplete((ok, e) -> tails.remove(key, mine[0]));
    }

    /** Keys with queued or running tasks (a gauge). */
    int activeKeys() {
        return tails.size();
    }
}
