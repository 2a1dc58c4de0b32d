package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.ReplyMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the worker's commands came to: replies published by command kind and Beiying code
 * ({@code gateway.commands}), and records dead-lettered by reason ({@code gateway.commands.dead.letters}).
 * Counters are made once per tag set: registering one per command was a hot-path cost.
 */
final class CommandMetrics {
    /** Why a record was dead-lettered. */
    enum DeadLetter {
        /** The record could not be decoded; dead-lettered at once. */
        UNDECODABLE,
        /** Processing failed after every retry; answered INTERNAL_ERROR, then dead-lettered. */
        FAILED
    }

    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<DeadLetter, Counter> deadLetters = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Both dead-letter counters exist from the start, so a dashboard's rate reads 0 rather than nothing.
        for (DeadLetter reason : DeadLetter.values()) {
            deadLetterCounter(reason);
        }
    }

    /** Counts a published reply under its kind and code (a redelivered command's reply counts again). */
    void replied(ReplyMessage reply) {
        String kind = reply.kind().name();
        String code = reply.code();
        outcomes.computeIfAbsent(kind + '/' + code, k -> Counter.builder("gateway.commands")
                .description("command replies published, by command kind and Beiying code")
                .tag("kind", kind).tag("code", code).register(meters)).increment();
    }

    /** Counts a dead-lettered record. */
    void deadLettered(DeadLetter reason) {
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(DeadLetter reason) {
        return deadLetters.computeIfAbsent(reason, r -> Counter.builder("gateway.commands.dead.letters")
                .description("command records written to the dead-letter topic")
                .tag("reason", r.name().toLowerCase(Locale.ROOT)).register(meters));
    }
}
