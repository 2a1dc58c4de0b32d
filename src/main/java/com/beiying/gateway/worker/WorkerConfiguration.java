package com.beiying.gateway.worker;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.RecordObservations;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.security.PasswordHasher;
import com.beiying.gateway.security.SecretBox;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The worker role's engine: the consumer loops, the dispatcher and what the handlers share.
 * Handlers themselves are components of the feature packages below this one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
class WorkerConfiguration {

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    FieldOpener fieldOpener(@Qualifier("fieldSealer") SecretBox fieldSealer, OperatorDirectory operators) {
        return new FieldOpener(fieldSealer, operators::secretsOf);
    }

    @Bean
    MemberGate memberGate(MemberStore members, OperatorDirectory operators, GameStatusDirectory games, ProviderRegistry providers) {
        return new MemberGate(members, operators, games, providers);
    }

    @Bean
    ReplyPublisher replyPublisher(KafkaTemplate<String, ReplyMessage> replyTemplate) {
        return new ReplyPublisher(replyTemplate);
    }

    @Bean
    CommandMetrics commandMetrics(MeterRegistry meters) {
        return new CommandMetrics(meters);
    }

    @Bean
    CommandDispatcher commandDispatcher(Jdbi jdbi, ReplyStore replies, List<CommandHandler> handlers, ReplyPublisher publisher,
                                        CommandMetrics metrics) {
        return new CommandDispatcher(new TransactionalOutcomes(jdbi, replies), handlers, (topic, key, reply) -> {
            publisher.publish(topic, key, reply);
            metrics.replied(reply);
        });
    }

    @Bean
    CommandWorker commandWorker(KafkaProperties kafka, KafkaTemplate<String, byte[]> deadLetterTemplate, Topics topics,
                                CommandDispatcher dispatcher, OperatorDirectory operators, MessageCodec codec,
                                GatewayProperties properties, MeterRegistry meters, CommandMetrics metrics,
                                RecordObservations observations) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(topics.deadLetter(), -1));
        GatewayProperties.Worker w = properties.worker();
        return new CommandWorker(kafka.buildConsumerProperties(),
                new CommandWorker.Settings(properties.kafka().workerGroup(), topics.workerSubscription(), w.concurrency(),
                        w.threads(), w.maxInFlight()), dispatcher, topics, operators, deadLetters, codec, meters, metrics,
                observations);
    }
}
