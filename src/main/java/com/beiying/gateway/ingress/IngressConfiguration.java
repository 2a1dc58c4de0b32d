package com.beiying.gateway.ingress;

import com.beiying.gateway.bets.BetQueries;
import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.RequestStore;
import com.beiying.gateway.security.SecretBox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** The ingress role: authentication, command publication and reply routing. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.INGRESS)
class IngressConfiguration {

    @Bean
    RequestAuthenticator requestAuthenticator(OperatorDirectory operators, GatewayProperties properties, Clock clock) {
        return new RequestAuthenticator(operators, properties.ingress(), clock);
    }

    @Bean
    JsonBodyReader jsonBodyReader() {
        return new JsonBodyReader();
    }

    @Bean
    ResponseWriter responseWriter() {
        return new ResponseWriter();
    }

    @Bean
    ReplyWaiters replyWaiters(MeterRegistry meters) {
        ReplyWaiters waiters = new ReplyWaiters();
        Gauge.builder("gateway.ingress.waiting", waiters, ReplyWaiters::size)
                .description("requests waiting for their reply on this instance").register(meters);
        return waiters;
    }

    @Bean
    ReplyConsumer replyConsumer(KafkaProperties kafka, Topics topics, ReplyWaiters waiters, MessageCodec codec, MeterRegistry meters) {
        ReplyConsumer consumer = new ReplyConsumer(kafka.buildConsumerProperties(), topics.replies(), waiters, codec);
        // No consumer group (every instance reads every partition): the group tag names the role.
        Gauge.builder("gateway.kafka.consumer.lag", consumer, ReplyConsumer::lag).tag("group", "ingress-replies")
                .description("replies on the replies topic this ingress instance has not read yet").register(meters);
        return consumer;
    }

    @Bean
    CommandGateway commandGateway(RequestStore requests, ReplyStore replies, KafkaTemplate<String, CommandMessage> commandTemplate,
                                  Topics topics, ReplyWaiters waiters, @Qualifier("fieldSealer") SecretBox fieldSealer,
                                  GatewayProperties properties, Clock clock) {
        GatewayProperties.Ingress ingress = properties.ingress();
        return new CommandGateway(requests, replies, commandTemplate, topics.commands(), waiters, fieldSealer,
                properties.instanceId(), ingress.replyTimeout(), ingress.nonceTtl(), new Admission(ingress.cpuBoundInFlight(), ingress.replyTimeout()), clock);
    }

    @Bean
    AdminCommands adminCommands(KafkaTemplate<String, CommandMessage> commandTemplate, Topics topics, ReplyWaiters waiters,
                                ReplyStore replies, GatewayProperties properties, Clock clock) {
        return new AdminCommands(commandTemplate, topics.commands(), waiters, replies, properties.instanceId(),
                properties.admin().replyTimeout(), clock);
    }

    @Bean
    DirectReads directReads(RequestStore requests, ReplyStore replies, BetQueries queries, GatewayProperties properties,
                            Clock clock) {
        GatewayProperties.Ingress ingress = properties.ingress();
        return new DirectReads(requests, replies, queries, properties.instanceId(), ingress.replyTimeout(), ingress.nonceTtl(),
                clock);
    }

    @Bean
    RateLimits rateLimits(GatewayProperties properties) {
        return new RateLimits(properties.ingress().rateLimit());
    }

    @Bean
    NoncePurge noncePurge(RequestStore requests) {
        return new NoncePurge(requests);
    }

    /** Keeps the nonce table to the nonces that a replay could still present. */
    static final class NoncePurge {
        private final RequestStore requests;

        NoncePurge(RequestStore requests) {
            this.requests = requests;
        }

        @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
        void purge() {
            requests.purgeExpiredNonces();
        }
    }
}
