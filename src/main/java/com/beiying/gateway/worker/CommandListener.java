package com.beiying.gateway.worker;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.persistence.Operator;
import com.beiying.gateway.persistence.OperatorDirectory;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Decodes (via the container's deserializer), delegates and lets the container acknowledge.
 * Commands from a Kafka-native operator's own topic act for the operator the topic belongs to,
 * whatever their payload says, and are answered on that operator's replies topic only.
 */
class CommandListener {
    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final CommandDispatcher dispatcher;
    private final OperatorDirectory operators;
    private final CommandRoutes routes;

    CommandListener(CommandDispatcher dispatcher, OperatorDirectory operators, CommandRoutes routes) {
        this.dispatcher = dispatcher;
        this.operators = operators;
        this.routes = routes;
    }

    @KafkaListener(id = "${gateway.instance-id}-commands", topics = "#{@topics.commands()}",
            groupId = "${gateway.kafka.worker-group}", concurrency = "${gateway.worker.concurrency}",
            containerFactory = "commandContainerFactory")
    void onCommand(ConsumerRecord<String, CommandMessage> record) {
        dispatcher.dispatch(record.key(), record.value(), routes.replyTopic(record.topic()));
    }

    @KafkaListener(id = "${gateway.instance-id}-operator-commands", topicPattern = "#{@topics.operatorCommandsPattern()}",
            groupId = "${gateway.kafka.worker-group}.operators", concurrency = "${gateway.worker.concurrency}",
            containerFactory = "commandContainerFactory")
    void onOperatorCommand(ConsumerRecord<String, CommandMessage> record) {
        CommandMessage command = routes.actingAs(record.topic(), record.value());
        Optional<Operator> operator = operators.byId(command.operatorId()).filter(Operator::kafkaNative);
        if (operator.isEmpty()) {
            log.warn("command on {} for no Kafka-native operator; skipped", record.topic());
            return;
        }
        String replyTopic = routes.replyTopic(record.topic());
        if (!operator.get().active()) {
            dispatcher.refuse(record.key(), command, replyTopic, new GatewayException(Errors.OPERATOR_SUSPENDED));
            return;
        }
        dispatcher.dispatch(record.key(), command, replyTopic);
    }
}
