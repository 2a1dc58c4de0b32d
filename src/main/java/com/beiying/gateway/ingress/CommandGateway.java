package com.beiying.gateway.ingress;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.persistence.RequestStore;
import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Turns an authenticated request into a command and its reply (docs/api.md). The request row and the
 * nonce are recorded in one statement before anything is published, so a repeated
 * {@code X-Request-Id} never publishes twice: it waits for, or reads, the first one's reply.
 */
final class CommandGateway {
    private static final Logger log = LoggerFactory.getLogger(CommandGateway.class);

    private final RequestStore requests;
    private final ReplyStore replies;
    private final KafkaTemplate<String, CommandMessage> template;
    private final String commandsTopic;
    private final ReplyWaiters waiters;
    private final SecretBox sealer;
    private final String instanceId;
    private final long replyTimeoutMillis;
    private final Duration nonceTtl;
    private final Admission admission;
    private final Clock clock;

    CommandGateway(RequestStore requests, ReplyStore replies, KafkaTemplate<String, CommandMessage> template, String commandsTopic,
                   ReplyWaiters waiters, SecretBox sealer, String instanceId, Duration replyTimeout, Duration nonceTtl,
                   Admission admission, Clock clock) {
        this.requests = requests;
        this.replies = replies;
        this.template = template;
        this.commandsTopic = commandsTopic;
        this.waiters = waiters;
        this.sealer = sealer;
        this.instanceId = instanceId;
        this.replyTimeoutMillis = replyTimeout.toMillis();
        this.nonceTtl = nonceTtl;
        this.admission = admission;
        this.clock = clock;
    }

    /**
     * Records, publishes and awaits a command. The future completes with the reply, or
     * exceptionally with a GatewayException (REPLY_TIMEOUT, INTERNAL_ERROR when Kafka refused).
     *
     * @param fingerprint the request's fingerprint (method, path, body), which tells a repeat of
     *                    this request from another request reusing its id
     * @throws GatewayException NONCE_REUSED at once when the nonce was used before,
     *                          REQUEST_ID_REUSED when the request id belongs to a different request,
     *                          and GATEWAY_BUSY when a new CPU-bound command finds no room (see
     *                          {@link Admission}); the request is then forgotten, its nonce spent
     */
    CompletableFuture<ReplyMessage> submit(Caller caller, CommandKind kind, Map<String, FieldInput> fields, Language language,
                                           byte[] fingerprint) {
        String operatorId = caller.operator().operatorId();
        String requestId = caller.requestId();
        RequestStore.Acceptance accepted = requests.accept(operatorId, requestId, kind.name(), caller.nonce(),
                clock.instant().plus(nonceTtl), fingerprint);
        if (!accepted.nonceFresh()) {
            throw new GatewayException(Errors.NONCE_REUSED);
        }
        if (!accepted.created()) {
            // A repeated request id: the same request again waits for or reads the first one's
            // reply; another request under the same id runs nothing.
            RequestStore.StoredRequest first = requests.find(operatorId, requestId)
                    .orElseThrow(() -> new GatewayException(Errors.INTERNAL_ERROR));
            if (!first.sameAs(fingerprint) || !first.commandType().equals(kind.name())) {
                throw new GatewayException(Errors.REQUEST_ID_REUSED);
            }
        }
        Optional<Admission.Ticket> ticket = Optional.empty();
        if (accepted.created() && kind.cpuBound()) {
            ticket = admission.enter();
            if (ticket.isEmpty()) {
                // Refused before it ran: forget the request, so that the same request id can come again.
                requests.forgetPending(operatorId, requestId);
                throw new GatewayException(Errors.GATEWAY_BUSY);
            }
        }
        String correlationId = Correlation.id(operatorId, requestId);
        CompletableFuture<ReplyMessage> reply = waiters.await(correlationId, replyTimeoutMillis);
        if (!accepted.created()) {
            Optional<ReplyMessage> stored = replies.reply(operatorId, requestId);
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(stored.get());
            }
            return reply.thenApply(r -> r != null ? r : storedOrTimeout(operatorId, requestId));
        }
        CommandMessage command = new CommandMessage(requestId, operatorId, kind, language,
                seal(operatorId, requestId, fields), instanceId, clock.instant());
        ProducerRecord<String, CommandMessage> record = new ProducerRecord<>(commandsTopic,
                kind.concernsMember() ? Correlation.memberKey(operatorId, memberName(fields))
                        : Correlation.requestKey(operatorId, requestId), command);
        record.headers().add(Correlation.HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Correlation.TYPE_HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Correlation.REPLY_TO_HEADER, instanceId.getBytes(StandardCharsets.UTF_8));
        // On the request's thread, so the line carries the request's trace id, as does the record (traceparent).
        log.debug("command {} {} to {}", correlationId, kind, commandsTopic);
        CompletableFuture<?> sent;
        try {
            sent = template.send(record);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ReplyMessage> answered = sent.handle((ok, e) -> {
            if (e != null) {
                // Never published, so nothing ran: forget the row so that a retry with this id can run.
                log.warn("command {} not published: {}", correlationId, e.toString());
                waiters.abandon(correlationId);
                requests.forgetPending(operatorId, requestId);
                throw new GatewayException(Errors.INTERNAL_ERROR);
            }
            return ok;
        }).thenCompose(ok -> reply).thenApply(r -> r != null ? r : storedOrTimeout(operatorId, requestId));
        return ticket.map(t -> t.track(answered)).orElse(answered);
    }

    /** The request's state: empty when unknown to this operator, an empty reply while pending. */
    Optional<Optional<ReplyMessage>> requestState(String operatorId, String requestId) {
        return replies.state(operatorId, requestId);
    }

    /** Records the nonce of a request that stores nothing else (GET endpoints). */
    void useNonce(Caller caller) {
        boolean fresh = requests.useNonce(caller.operator().operatorId(), caller.nonce(), clock.instant().plus(nonceTtl));
        if (!fresh) {
            throw new GatewayException(Errors.NONCE_REUSED);
        }
    }

    private ReplyMessage storedOrTimeout(String operatorId, String requestId) {
        // The reply may have been committed while its Kafka record was lost or is still on its way.
        return replies.reply(operatorId, requestId).orElseThrow(() -> new GatewayException(Errors.REPLY_TIMEOUT));
    }

    private Map<String, FieldInput> seal(String operatorId, String requestId, Map<String, FieldInput> fields) {
        Map<String, FieldInput> out = new LinkedHashMap<>(fields);
        for (String name : FieldSealing.SECRET_FIELDS) {
            FieldInput f = out.get(name);
            if (f != null && f.kind() == FieldInput.Kind.STRING && f.text() != null) {
                out.put(name, FieldInput.sealedString(sealer.seal(f.text(),
                        FieldSealing.associatedData(operatorId, requestId, name))));
            }
        }
        return out;
    }

    /** The member part of the Kafka key: the UserName as the worker will normalise it. */
    private static String memberName(Map<String, FieldInput> fields) {
        FieldInput name = fields.get("UserName");
        if (name == null || name.kind() != FieldInput.Kind.STRING || name.text() == null) {
            return "";
        }
        String text = name.text().toLowerCase(Locale.ROOT);
        return text.length() > 64 ? text.substring(0, 64) : text;
    }
}
