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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Admin work that needs a worker (provider balances: only workers hold adapters and provider
 * credentials) goes the way every command goes: published to the shared commands topic, run by
 * whichever worker owns its partition, answered on the replies topic and awaited here by
 * correlation id. So the admin API answers alike in one process and in a split layout, and the
 * ingress never needs a provider's credentials.
 *
 * <p>Each admin command has its own request id under {@link Correlation#ADMIN_SENDER} and is keyed
 * by it, so successive pages spread over the partitions instead of queueing behind one member.
 * Like any command its reply is kept in the correlation store, which answers when the reply
 * record was missed and a redelivered page without asking the providers again.
 */
public final class AdminCommands {
    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KafkaTemplate<String, CommandMessage> template;
    private final String commandsTopic;
    private final ReplyWaiters waiters;
    private final ReplyStore replies;
    private final String instanceId;
    private final Duration timeout;
    private final Clock clock;

    AdminCommands(KafkaTemplate<String, CommandMessage> template, String commandsTopic, ReplyWaiters waiters, ReplyStore replies,
                  String instanceId, Duration timeout, Clock clock) {
        this.template = template;
        this.commandsTopic = commandsTopic;
        this.waiters = waiters;
        this.replies = replies;
        this.instanceId = instanceId;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Sends an admin command and waits for its successful reply's fields.
     *
     * @throws GatewayException the reply's error; REPLY_TIMEOUT when no worker answered within
     *                          {@code gateway.admin.reply-timeout}; INTERNAL_ERROR when Kafka refused it
     */
    public Map<String, FieldInput> send(CommandKind kind, Map<String, FieldInput> fields, Language language) {
        if (!kind.admin()) {
            throw new IllegalArgumentException(kind + " is not an admin command");
        }
        String requestId = "adm-" + randomId();
        String correlationId = Correlation.id(Correlation.ADMIN_SENDER, requestId);
        CompletableFuture<ReplyMessage> reply = waiters.await(correlationId, timeout.toMillis());
        CommandMessage command = new CommandMessage(requestId, Correlation.ADMIN_SENDER, kind, language, fields, instanceId,
                clock.instant());
        ProducerRecord<String, CommandMessage> record = new ProducerRecord<>(commandsTopic,
                Correlation.requestKey(Correlation.ADMIN_SENDER, requestId), command);
        record.headers().add(Correlation.HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Correlation.TYPE_HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Correlation.REPLY_TO_HEADER, instanceId.getBytes(StandardCharsets.UTF_8));
        try {
            template.send(record).join();
        } catch (RuntimeException e) {
            log.warn("admin command {} not published: {}", correlationId, e.toString());
            waiters.abandon(correlationId);
            throw new GatewayException(Errors.INTERNAL_ERROR);
        }
        // Admin calls are rare and an operator's person waits for them: a servlet thread may wait too.
        ReplyMessage answer = reply.join();
        if (answer == null) {
            // The reply may have been committed while its record was lost or is still on its way.
            answer = replies.reply(Correlation.ADMIN_SENDER, requestId)
                    .orElseThrow(() -> new GatewayException(Errors.REPLY_TIMEOUT));
        }
        if (!answer.success()) {
            throw new GatewayException(Errors.byName(answer.errorName()));
        }
        return answer.result();
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
