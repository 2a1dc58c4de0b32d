package com.beiying.gateway.worker;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.messaging.CommandMessage;
import java.util.Optional;

/**
 * Where a command came from decides whom it acts for and where its reply goes: commands on the
 * shared topic carry the operator the ingress authenticated; commands on
 * {@code op.<OperatorId>.commands} act for that operator, whatever their payload claims.
 */
final class CommandRoutes {
    private final GatewayProperties.Kafka topics;
    private final String operatorPrefix;

    CommandRoutes(GatewayProperties.Kafka topics) {
        this.topics = topics;
        this.operatorPrefix = topics.topicPrefix() + "op.";
    }

    /** The operator a Kafka-native topic belongs to, or empty for the shared commands topic. */
    Optional<String> operatorOf(String topic) {
        if (topic.startsWith(operatorPrefix) && topic.endsWith(".commands")) {
            return Optional.of(topic.substring(operatorPrefix.length(), topic.length() - ".commands".length()));
        }
        return Optional.empty();
    }

    /** The command as it may act: on an operator's topic, for that operator only. */
    CommandMessage actingAs(String topic, CommandMessage claimed) {
        return operatorOf(topic).map(operatorId -> new CommandMessage(claimed.requestId(), operatorId, claimed.kind(),
                claimed.language(), claimed.fields(), null, claimed.createdAt())).orElse(claimed);
    }

    /** The replies topic for commands from the given topic. */
    String replyTopic(String commandTopic) {
        return operatorOf(commandTopic).map(topics::operatorRepliesTopic).orElse(topics.repliesTopic());
    }
}
