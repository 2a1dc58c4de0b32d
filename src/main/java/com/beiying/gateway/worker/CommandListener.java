package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.CommandMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Decodes (via the container's deserializer), delegates and lets the container acknowledge. */
class CommandListener {
    private final CommandDispatcher dispatcher;

    CommandListener(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = "${gateway.instance-id}-commands", topics = "#{@topics.commands()}",
            groupId = "${gateway.kafka.worker-group}", concurrency = "${gateway.worker.concurrency}",
            containerFactory = "commandContainerFactory")
    void onCommand(ConsumerRecord<String, CommandMessage> record) {
        dispatcher.dispatch(record.key(), record.value());
    }
}
