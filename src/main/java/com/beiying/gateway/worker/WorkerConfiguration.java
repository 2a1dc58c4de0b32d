package com.beiying.gateway.worker;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SecretBox;
import com.beiying.gateway.messaging.KafkaConfiguration.Topics;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.RequestStore;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.account.LockHandler;
import com.beiying.gateway.worker.account.PasswordHandler;
import com.beiying.gateway.worker.login.LoginHandler;
import com.beiying.gateway.worker.register.RegisterHandler;
import com.beiying.gateway.worker.transfer.BalanceHandler;
import com.beiying.gateway.worker.transfer.OrderHandler;
import com.beiying.gateway.worker.transfer.TransferHandler;
import com.beiying.gateway.worker.transfer.TransferResolver;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.regex.Pattern;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker role: consumes commands, runs handlers, publishes replies. Undecodable records go to
 * the dead-letter topic at once (retrying cannot fix them) and the partition moves on; other
 * failures are retried with backoff, then answered with INTERNAL_ERROR and dead-lettered
 * ({@link CommandWorker}).
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
    MemberStore memberStore(Jdbi jdbi) {
        return new MemberStore(jdbi);
    }

    @Bean
    RegisterHandler registerHandler(MemberStore members, FieldOpener opener, PasswordHasher hasher) {
        return new RegisterHandler(members, opener, hasher);
    }

    @Bean
    MemberGate memberGate(Jdbi jdbi, MemberStore members, OperatorDirectory operators, com.beiying.gateway.persistence.GameStatusDirectory games,
                          ProviderRegistry providers) {
        return new MemberGate(jdbi, members, operators, games, providers);
    }

    @Bean
    LoginHandler loginHandler(FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
        return new LoginHandler(opener, gate, providers);
    }

    @Bean
    TransferHandler transferHandler(Jdbi jdbi, FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
        return new TransferHandler(jdbi, opener, gate, providers);
    }

    @Bean
    BalanceHandler balanceHandler(FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
        return new BalanceHandler(opener, gate, providers);
    }

    @Bean
    LockHandler lockHandler(FieldOpener opener, MemberGate gate) {
        return new LockHandler(opener, gate);
    }

    @Bean
    PasswordHandler passwordHandler(FieldOpener opener, MemberGate gate, PasswordHasher hasher) {
        return new PasswordHandler(opener, gate, hasher);
    }

    @Bean
    OrderHandler orderHandler(Jdbi jdbi, FieldOpener opener) {
        return new OrderHandler(jdbi, opener);
    }

    /**
     * The resolver publishes each order it settles as a TRANSFER reply with the order's final
     * state, under the order's original request id, on the replies topic the operator reads.
     */
    @Bean
    TransferResolver transferResolver(Jdbi jdbi, MemberStore members, ProviderRegistry providers, GatewayProperties properties,
                                      java.time.Clock clock, ReplyPublisher publisher, OperatorDirectory operators) {
        GatewayProperties.Kafka kafka = properties.kafka();
        return new TransferResolver(jdbi, members, providers, properties.wallet().settleAfter(), clock, order -> {
            var outcome = TransferHandler.answer(order);
            var command = new com.beiying.gateway.messaging.CommandMessage(order.requestId(), order.operatorId(),
                    com.beiying.gateway.messaging.CommandKind.TRANSFER, com.beiying.gateway.error.Language.EN,
                    java.util.Map.of(), null, order.createdAt());
            var reply = outcome.error() == null ? Replies.success(command, outcome.result())
                    : Replies.error(command, outcome.error(), outcome.result());
            boolean kafkaNative = operators.byId(order.operatorId()).map(com.beiying.gateway.persistence.Operator::kafkaNative)
                    .orElse(false);
            publisher.publish(kafkaNative ? kafka.operatorRepliesTopic(order.operatorId()) : kafka.repliesTopic(),
                    com.beiying.gateway.messaging.Correlation.memberKey(order.operatorId(), order.userName()), reply);
        });
    }

    @Bean
    ReplyPublisher replyPublisher(KafkaTemplate<String, ReplyMessage> replyTemplate) {
        return new ReplyPublisher(replyTemplate);
    }

    @Bean
    CommandDispatcher commandDispatcher(Jdbi jdbi, RequestStore requests, List<CommandHandler> handlers,
                                        ReplyPublisher publisher) {
        return new CommandDispatcher(jdbi, requests, handlers, publisher);
    }

    @Bean
    CommandRoutes commandRoutes(GatewayProperties properties) {
        return new CommandRoutes(properties.kafka());
    }

    @Bean
    CommandWorker commandWorker(KafkaProperties kafka, KafkaTemplate<String, byte[]> deadLetterTemplate, Topics topics,
                                CommandDispatcher dispatcher, CommandRoutes routes, OperatorDirectory operators,
                                GatewayProperties properties, MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, e) -> new TopicPartition(topics.deadLetter(), -1));
        GatewayProperties.Worker w = properties.worker();
        // One subscription covers the shared commands topic and every Kafka-native operator's topic.
        Pattern subscription = Pattern.compile(Pattern.quote(topics.commands()) + "|" + topics.operatorCommandsPattern());
        return new CommandWorker(kafka.buildConsumerProperties(),
                new CommandWorker.Settings(properties.kafka().workerGroup(), subscription, w.concurrency(), w.threads(),
                        w.maxInFlight()), dispatcher, routes, operators, deadLetters, meters);
    }
}
