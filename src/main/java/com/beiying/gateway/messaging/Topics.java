package com.beiying.gateway.messaging;

import com.beiying.gateway.config.GatewayProperties;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place topic names are made: the shared commands, replies and dead-letter topics, and
 * each Kafka-native operator's own pair. Where a command came from decides whom it acts for and
 * where its reply goes: commands on {@code op.<OperatorId>.commands} act for that operator,
 * whatever their payload claims, and are answered on {@code op.<OperatorId>.replies}.
 */
public final class Topics {
    private static final String OPERATOR_PART = "op.";
    private static final String COMMANDS = "commands";
    private static final String REPLIES = "replies";

    private final String prefix;

    /** Topics under the configured prefix. */
    public Topics(GatewayProperties.Kafka kafka) {
        this(kafka.topicPrefix());
    }

    /** Topics under the given prefix; the AsyncAPI document names them under the default one. */
    Topics(String prefix) {
        this.prefix = prefix;
    }

    /** The shared commands topic, written by the HTTP ingress. */
    public String commands() {
        return prefix + COMMANDS;
    }

    /** The shared replies topic, read by every ingress instance. */
    public String replies() {
        return prefix + REPLIES;
    }

    /** The dead-letter topic for command records that cannot be processed. */
    public String deadLetter() {
        return prefix + COMMANDS + ".dlt";
    }

    /** The compacted topic of bet records: the latest revision of every bet, keyed {@code <OperatorId>:<BetId>}. */
    public String bets() {
        return prefix + "bets";
    }

    /** The events topic: a member's history, keyed {@code <OperatorId>:<UserName>}. */
    public String events() {
        return prefix + "events";
    }

    /** A Kafka-native operator's own commands topic. */
    public String operatorCommands(String operatorId) {
        return prefix + OPERATOR_PART + operatorId + "." + COMMANDS;
    }

    /** A Kafka-native operator's own replies topic. */
    public String operatorReplies(String operatorId) {
        return prefix + OPERATOR_PART + operatorId + "." + REPLIES;
    }

    /** Every topic the workers read: the shared commands topic and every operator's own. */
    public Pattern workerSubscription() {
        return Pattern.compile(Pattern.quote(commands()) + "|" + Pattern.quote(prefix + OPERATOR_PART) + "[A-Za-z0-9_-]+\\."
                + COMMANDS);
    }

    /** The operator a Kafka-native commands topic belongs to, or empty for the shared topic. */
    public Optional<String> operatorOf(String commandTopic) {
        String head = prefix + OPERATOR_PART;
        String tail = "." + COMMANDS;
        if (commandTopic.startsWith(head) && commandTopic.endsWith(tail) && commandTopic.length() > head.length() + tail.length()) {
            return Optional.of(commandTopic.substring(head.length(), commandTopic.length() - tail.length()));
        }
        return Optional.empty();
    }

    /** The replies topic for commands read from the given topic. */
    public String replyTopicFor(String commandTopic) {
        return operatorOf(commandTopic).map(this::operatorReplies).orElse(replies());
    }

    /** The replies topic an operator reads: its own when it talks Kafka directly. */
    public String repliesOf(String operatorId, boolean kafkaNative) {
        return kafkaNative ? operatorReplies(operatorId) : replies();
    }
}
