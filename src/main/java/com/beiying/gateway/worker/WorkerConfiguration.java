package com.beiying.gateway.worker;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SecretBox;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.CommandSerde;
import com.beiying.gateway.messaging.KafkaConfiguration.Topics;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.login.LoginHandler;
import com.beiying.gateway.worker.register.RegisterHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker role: consumes commands, runs handlers, publishes replies. Undecodable records go to
 * the dead-letter topic at once (retrying cannot fix them) and the partition moves on; other
 * failures are retried with backoff, then answered with INTERNAL_ERROR and dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
class WorkerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    ProviderRegistry providerRegistry(GatewayProperties properties, Environment environment, JsonMapper json,
                                      io.micrometer.core.instrument.MeterRegistry meters) {
        return new ProviderRegistry(properties, environment, json, meters);
    }

    @Bean
    FieldOpener fieldOpener(@Qualifier("fieldSealer") SecretBox fieldSealer, OperatorDirectory operators) {
        return new FieldOpener(fieldSealer, operators::secretsOf);
    }

    @Bean
    RegisterHandler registerHandler(Jdbi jdbi, FieldOpener opener, PasswordHasher hasher) {
        return new RegisterHandler(jdbi, opener, hasher);
    }

    @Bean
    LoginHandler loginHandler(Jdbi jdbi, FieldOpener opener, OperatorDirectory operators, ProviderRegistry providers,
                              com.beiying.gateway.persistence.GameStatusDirectory games) {
        return new LoginHandler(jdbi, opener, operators, providers, games);
    }

    @Bean
    ReplyPublisher replyPublisher(KafkaTemplate<String, ReplyMessage> replyTemplate) {
        return new ReplyPublisher(replyTemplate);
    }

    @Bean
    CommandDispatcher commandDispatcher(Jdbi jdbi, List<CommandHandler> handlers, ReplyPublisher publisher) {
        return new CommandDispatcher(jdbi, handlers, publisher);
    }

    @Bean
    CommandRoutes commandRoutes(GatewayProperties properties) {
        return new CommandRoutes(properties.kafka());
    }

    @Bean
    CommandListener commandListener(CommandDispatcher dispatcher, OperatorDirectory operators, CommandRoutes routes) {
        return new CommandListener(dispatcher, operators, routes);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CommandMessage> commandContainerFactory(
            KafkaProperties kafka, KafkaTemplate<Object, Object> deadLetterTemplate, Topics topics,
            CommandDispatcher dispatcher, CommandRoutes routes) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A new Kafka-native operator's topic is picked up by the pattern subscription within seconds.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 3_000);
        DefaultKafkaConsumerFactory<String, CommandMessage> consumers = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new CommandSerde.Deserializer()));

        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(topics.deadLetter(), -1));
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            if (record.value() instanceof CommandMessage claimed) {
                CommandMessage command = routes.actingAs(record.topic(), claimed);
                try {
                    dispatcher.fail((String) record.key(), command, routes.replyTopic(record.topic()), e);
                } catch (RuntimeException answerFailed) {
                    log.error("could not answer failed command {}", command.correlationId(), answerFailed);
                }
            }
            deadLetters.accept(record, e);
        };
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(6);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(5_000);

        ConcurrentKafkaListenerContainerFactory<String, CommandMessage> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(new DefaultErrorHandler(recoverer, backOff));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        return factory;
    }
}
