package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admission control for CPU-bound commands (password hashing, docs/performance.md, "Admission
 * control"): a command beyond what the workers' cores finish within the reply timeout is refused at
 * once with BUSY instead of queueing behind the hashes already running and answering TIMEOUT
 * seconds later. How many that is depends on the machine and on what else it does, so the limit
 * adapts (Netflix concurrency-limits, additive increase and multiplicative decrease): a command
 * answered within a quarter of the reply timeout lets it grow by one, a slower one or a timeout halves it:
 * the margin keeps the commands already admitted inside the timeout while the limit comes down.
 */
final class Admission {
    private final AbstractLimiter<Void> limiter;

    /**
     * @param initial      the limit to start from (gateway.ingress.cpu-bound-in-flight); it grows to
     *                     at most sixteen times that
     * @param replyTimeout the ingress's reply timeout; a quarter of it is the latency that counts as too slow
     */
    Admission(int initial, Duration replyTimeout) {
        this(initial, replyTimeout, System::nanoTime);
    }

    /** As above, timing the commands by {@code nanoClock} (tests). */
    Admission(int initial, Duration replyTimeout, LongSupplier nanoClock) {
        if (initial < 1) {
            throw new IllegalArgumentException("gateway.ingress.cpu-bound-in-flight must be at least 1, is " + initial);
        }
        this.limiter = SimpleLimiter.newBuilder().named("cpu-bound-commands").nanoClock(nanoClock)
                .limit(AIMDLimit.newBuilder().initialLimit(initial).minLimit(1).maxLimit(16 * initial).backoffRatio(0.5)
                        .timeout(replyTimeout.toMillis() / 4, TimeUnit.MILLISECONDS).build())
                .build();
    }

    /** A place taken: tell it how the command ended. */
    static final class Ticket {
        private final Limiter.Listener listener;

        private Ticket(Limiter.Listener listener) {
            this.listener = listener;
        }

        /** Gives the place back when {@code reply} completes; its outcome teaches the limit. */
        <T> CompletableFuture<T> track(CompletableFuture<T> reply) {
            return reply.whenComplete((r, e) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof GatewayException g && g.error() == Errors.REPLY_TIMEOUT) {
                    listener.onDropped();
                } else if (cause != null) {
                    // Never ran on a worker (Kafka refused it): says nothing of the cores.
                    listener.onIgnore();
                } else {
                    listener.onSuccess();
                }
            });
        }
    }

    /** A place if the limit allows one now, never waiting. */
    Optional<Ticket> enter() {
        return limiter.acquire(null).map(Ticket::new);
    }

    /** The limit now. */
    int limit() {
        return limiter.getLimit();
    }

    /** Commands admitted and not yet answered. */
    int inFlight() {
        return limiter.getInflight();
    }
}
