package com.beiying.gateway.ingress;

import com.beiying.gateway.messaging.ReplyMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests this instance is waiting on, by correlation id. Waiting holds a future, never a
 * thread; concurrent duplicates of one request share a future.
 */
final class ReplyWaiters {
    private final ConcurrentHashMap<String, CompletableFuture<ReplyMessage>> pending = new ConcurrentHashMap<>();

    /** Starts (or joins) waiting; completes with the reply, or with null when the timeout passes first. */
    CompletableFuture<ReplyMessage> await(String correlationId, long timeoutMillis) {
        CompletableFuture<ReplyMessage> shared = pending.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
        return shared.copy().completeOnTimeout(null, timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((reply, e) -> {
                    if (reply == null) {
                        pending.remove(correlationId, shared);
                    }
                });
    }

    /** Whether someone here waits for this correlation id (checked before decoding a reply). */
    boolean isWaiting(String correlationId) {
        return pending.containsKey(correlationId);
    }

    /** Delivers a reply to everyone waiting for it here. */
    void complete(ReplyMessage reply) {
        CompletableFuture<ReplyMessage> waiting = pending.remove(reply.correlationId());
        if (waiting != null) {
            waiting.complete(reply);
        }
    }

    /** Stops waiting without an answer (the command was never published). */
    void abandon(String correlationId) {
        pending.remove(correlationId);
    }

    /** How many requests wait here (a gauge). */
    int size() {
        return pending.size();
    }
}
