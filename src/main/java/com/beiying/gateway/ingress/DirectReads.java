package com.beiying.gateway.ingress;

import com.beiying.gateway.bets.BetQueries;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.messaging.Replies;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.persistence.RequestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Bet-record reads answered at the ingress straight from PostgreSQL (docs/bets.md, "Where the
 * reads run"): they change nothing, so the Kafka round trip buys them nothing but latency. They
 * keep every promise of a command all the same: the nonce is used once, the request id is
 * recorded with its fingerprint before the read and its reply after it, so a repeated
 * {@code X-Request-Id} gets the first reply and a reused one is refused.
 */
final class DirectReads {
    private static final Duration REPEAT_POLL = Duration.ofMillis(20);

    private final RequestStore requests;
    private final ReplyStore replies;
    private final BetQueries queries;
    private final String instanceId;
    private final Duration replyTimeout;
    private final Duration nonceTtl;
    private final Clock clock;

    DirectReads(RequestStore requests, ReplyStore replies, BetQueries queries, String instanceId, Duration replyTimeout,
                Duration nonceTtl, Clock clock) {
        this.requests = requests;
        this.replies = replies;
        this.queries = queries;
        this.instanceId = instanceId;
        this.replyTimeout = replyTimeout;
        this.nonceTtl = nonceTtl;
        this.clock = clock;
    }

    /** Whether this kind of request is answered here. */
    static boolean serves(CommandKind kind) {
        return kind == CommandKind.BET_RECORDS || kind == CommandKind.BET_FEED || kind == CommandKind.BET_RECORD;
    }

    /**
     * Answers a read.
     *
     * @throws GatewayException NONCE_REUSED, REQUEST_ID_REUSED, or REPLY_TIMEOUT when a repeat's
     *                          first execution (elsewhere) never finished in time
     */
    ReplyMessage answer(Caller caller, CommandKind kind, Map<String, FieldInput> fields, Language language, byte[] fingerprint) {
        String operatorId = caller.operator().operatorId();
        String requestId = caller.requestId();
        RequestStore.Acceptance accepted = requests.accept(operatorId, requestId, kind.name(), caller.nonce(),
                clock.instant().plus(nonceTtl), fingerprint);
        if (!accepted.nonceFresh()) {
            throw new GatewayException(Errors.NONCE_REUSED);
        }
        if (!accepted.created()) {
            return repeat(operatorId, requestId, kind, fingerprint);
        }
        CommandMessage command = new CommandMessage(requestId, operatorId, kind, language, fields, instanceId, clock.instant());
        Outcome outcome;
        try {
            outcome = Outcome.success(read(kind, caller, Fields.of(fields)));
        } catch (GatewayException e) {
            outcome = Outcome.failure(e);
        } catch (RuntimeException e) {
            // Nothing was read for the caller: forget the request so that a retry under its id runs.
            requests.forgetPending(operatorId, requestId);
            throw e;
        }
        ReplyMessage reply = Replies.of(command, outcome);
        if (!replies.complete(reply)) {
            return replies.reply(operatorId, requestId).orElse(reply);
        }
        return reply;
    }

    private Map<String, FieldInput> read(CommandKind kind, Caller caller, Fields fields) {
        return switch (kind) {
            case BET_RECORDS -> queries.records(caller.operator(), fields);
            case BET_FEED -> queries.feed(caller.operator(), fields);
            case BET_RECORD -> queries.record(caller.operator(), fields);
            default -> throw new IllegalArgumentException(kind + " is not a read served at the ingress");
        };
    }

    /** The same request again: its reply, once the first execution stored it. */
    private ReplyMessage repeat(String operatorId, String requestId, CommandKind kind, byte[] fingerprint) {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (true) {
            RequestStore.StoredRequest first = requests.find(operatorId, requestId)
                    .orElseThrow(() -> new GatewayException(Errors.INTERNAL_ERROR));
            if (!first.sameAs(fingerprint) || !first.commandType().equals(kind.name())) {
                throw new GatewayException(Errors.REQUEST_ID_REUSED);
            }
            Optional<ReplyMessage> stored = replies.reply(operatorId, requestId);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (System.nanoTime() > deadline) {
                throw new GatewayException(Errors.REPLY_TIMEOUT);
            }
            LockSupport.parkNanos(REPEAT_POLL.toNanos());
        }
    }
}
