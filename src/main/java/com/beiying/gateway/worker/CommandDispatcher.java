package com.beiying.gateway.worker;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.persistence.RequestStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command at most once to completion: a command whose outcome is already stored (a
 * redelivery, or a duplicate that raced in) is answered with the stored reply; otherwise its
 * handler runs and the outcome commits together with its effects. The reply is published only
 * after that commit, so a published reply always describes stored state.
 */
public final class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final Jdbi jdbi;
    private final RequestStore requests;
    private final Map<CommandKind, CommandHandler> handlers = new EnumMap<>(CommandKind.class);
    private final ReplyPublisher publisher;
    private final MessageCodec codec = MessageCodec.instance();

    /** Indexes the handlers by kind; two handlers of one kind are a wiring error. */
    public CommandDispatcher(Jdbi jdbi, RequestStore requests, List<CommandHandler> handlers, ReplyPublisher publisher) {
        this.jdbi = jdbi;
        this.requests = requests;
        this.publisher = publisher;
        for (CommandHandler h : handlers) {
            if (this.handlers.put(h.kind(), h) != null) {
                throw new IllegalStateException("two handlers for " + h.kind());
            }
        }
    }

    /**
     * Handles one command record; the key is the record's Kafka key, reused for the reply, which
     * goes to the given replies topic.
     */
    public void dispatch(String key, CommandMessage command, String replyTopic) {
        Optional<ReplyMessage> stored = storedReply(command);
        if (stored.isPresent()) {
            publisher.publish(replyTopic, key, stored.get());
            return;
        }
        ReplyMessage reply;
        try {
            CommandHandler handler = handlers.get(command.kind());
            if (handler == null) {
                throw new GatewayException(Errors.NOT_FOUND);
            }
            reply = commitSuccess(command, handler.prepare(command));
        } catch (GatewayException e) {
            reply = commitError(command, e);
        }
        publisher.publish(replyTopic, key, reply);
    }

    /**
     * Answers a command that could not be processed after all retries with INTERNAL_ERROR, so its
     * caller is not left waiting; called by the error handler before the record is dead-lettered.
     */
    public void fail(String key, CommandMessage command, String replyTopic, Exception cause) {
        log.error("command {} {} failed for good", command.correlationId(), command.kind(), cause);
        publisher.publish(replyTopic, key, commitError(command, new GatewayException(Errors.INTERNAL_ERROR)));
    }

    /** Answers a command with a catalogued error without running it (an operator that may not act now). */
    public void refuse(String key, CommandMessage command, String replyTopic, GatewayException e) {
        publisher.publish(replyTopic, key, commitError(command, e));
    }

    private ReplyMessage commitSuccess(CommandMessage command, CommandHandler.Effects effects) {
        try {
            return jdbi.inTransaction(handle -> {
                CommandHandler.Outcome outcome = effects.apply(handle);
                ReplyMessage reply = outcome.error() == null ? Replies.success(command, outcome.result())
                        : Replies.error(command, outcome.error(), outcome.result());
                if (!RequestStore.complete(handle, command.operatorId(), command.requestId(), command.kind().name(),
                        codec.encode(reply))) {
                    throw new AlreadyCompleted();
                }
                return reply;
            });
        } catch (GatewayException e) {
            return commitError(command, e);
        } catch (AlreadyCompleted done) {
            return storedReply(command).orElseThrow();
        }
    }

    private ReplyMessage commitError(CommandMessage command, GatewayException e) {
        ReplyMessage reply = Replies.error(command, e, Map.of());
        if (requests.complete(command.operatorId(), command.requestId(), command.kind().name(), codec.encode(reply))) {
            return reply;
        }
        return storedReply(command).orElseThrow();
    }

    private Optional<ReplyMessage> storedReply(CommandMessage command) {
        return requests.find(command.operatorId(), command.requestId())
                .filter(RequestStore.StoredRequest::done)
                .map(r -> codec.decodeReply(r.reply()));
    }

    /** Another execution committed this request first; ours must roll back. */
    private static final class AlreadyCompleted extends RuntimeException {
        AlreadyCompleted() {
            super(null, null, false, false);
        }
    }
}
