package com.beiying.gateway.worker;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.messaging.Replies;
import com.beiying.gateway.messaging.ReplyMessage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command at most once to completion: a command whose outcome is already stored (a
 * redelivery, or a duplicate that raced in) is answered with the stored reply; otherwise its
 * handler runs and the outcome commits together with its effects. The reply is published only
 * after that commit, so a published reply always describes stored state.
 */
final class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    /** Publishes a committed reply; must throw when the broker did not acknowledge it. */
    @FunctionalInterface
    interface Publisher {
        void publish(String topic, String key, ReplyMessage reply);
    }

    /** Where outcomes are stored: the correlation store, committing with the command's effects. */
    interface Outcomes {
        /** The reply already committed for the command, if any. */
        Optional<ReplyMessage> stored(CommandMessage command);

        /** Commits a reply that has no effects; false when another execution completed the request first. */
        boolean complete(ReplyMessage reply);

        /** Runs the effects and commits their reply in one transaction; empty when another execution came first. */
        Optional<ReplyMessage> commit(CommandMessage command, CommandHandler.Effects effects);
    }

    private final Outcomes outcomes;
    private final Map<CommandKind, CommandHandler> handlers = new EnumMap<>(CommandKind.class);
    private final Publisher publisher;

    /** Indexes the handlers by kind; two handlers of one kind are a wiring error. */
    CommandDispatcher(Outcomes outcomes, List<CommandHandler> handlers, Publisher publisher) {
        this.outcomes = outcomes;
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
    void dispatch(String key, CommandMessage command, String replyTopic) {
        Optional<ReplyMessage> stored = outcomes.stored(command);
        if (stored.isPresent()) {
            // A redelivery gets its stored reply again; another command reusing the request id
            // (possible only on a Kafka-native operator's topic) is refused and runs nothing.
            publisher.publish(replyTopic, key, stored.get().kind() == command.kind() ? stored.get()
                    : Replies.of(command, Outcome.failure(new GatewayException(Errors.REQUEST_ID_REUSED))));
            return;
        }
        ReplyMessage reply;
        try {
            CommandHandler handler = handlers.get(command.kind());
            if (handler == null) {
                throw new GatewayException(Errors.NOT_SUPPORTED);
            }
            reply = commit(command, handler.prepare(command));
        } catch (GatewayException e) {
            reply = commitError(command, e);
        }
        log.debug("command {} {} answered {}", command.correlationId(), command.kind(), reply.code());
        publisher.publish(replyTopic, key, reply);
    }

    /**
     * Answers a command that could not be processed after all retries with INTERNAL_ERROR, so its
     * caller is not left waiting; called before the record is dead-lettered.
     */
    void fail(String key, CommandMessage command, String replyTopic, Exception cause) {
        log.error("command {} {} failed for good", command.correlationId(), command.kind(), cause);
        publisher.publish(replyTopic, key, commitError(command, new GatewayException(Errors.INTERNAL_ERROR)));
    }

    /**
     * Answers a record that never became a command (it could not be decoded) with a catalogued
     * error, without storing it: its request id stays free for the operator's corrected command.
     */
    void reject(String key, CommandMessage command, String replyTopic, GatewayException e) {
        publisher.publish(replyTopic, key, Replies.of(command, Outcome.failure(e)));
    }

    /** Answers a command with a catalogued error without running it (an operator that may not act now). */
    void refuse(String key, CommandMessage command, String replyTopic, GatewayException e) {
        publisher.publish(replyTopic, key, commitError(command, e));
    }

    private ReplyMessage commit(CommandMessage command, CommandHandler.Effects effects) {
        try {
            return outcomes.commit(command, effects).orElseGet(() -> stored(command));
        } catch (GatewayException e) {
            return commitError(command, e);
        }
    }

    private ReplyMessage commitError(CommandMessage command, GatewayException e) {
        ReplyMessage reply = Replies.of(command, Outcome.failure(e));
        return outcomes.complete(reply) ? reply : stored(command);
    }

    private ReplyMessage stored(CommandMessage command) {
        return outcomes.stored(command).orElseThrow();
    }
}
