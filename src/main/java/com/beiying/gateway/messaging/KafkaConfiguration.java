package com.beiying.gateway.messaging;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.persistence.RequestStore;
import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Topics, the codec and the producers every role shares. Producers are idempotent with
 * {@code acks=all}: a command or reply acknowledged to us survives a broker failure and is never
 * duplicated by a producer retry.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    Topics topics(GatewayProperties properties) {
        return new Topics(properties.kafka());
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    ReplyStore replyStore(RequestStore requests, MessageCodec codec) {
        return new ReplyStore(requests, codec);
    }

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(Topics topics, GatewayProperties properties) {
        GatewayProperties.Kafka k = properties.kafka();
        return new KafkaAdmin.NewTopics(
                new NewTopic(topics.commands(), k.commandPartitions(), k.replicationFactor()),
                new NewTopic(topics.replies(), k.replyPartitions(), k.replicationFactor()),
                new NewTopic(topics.deadLetter(), 1, k.replicationFactor()),
                // The latest revision of every bet is what readers need; older ones are in the feed.
                new NewTopic(topics.bets(), k.betPartitions(), k.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                // A member's history: kept for the configured time, keyed by member so it stays in order.
                new NewTopic(topics.events(), k.eventPartitions(), k.replicationFactor())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(k.eventRetention().toMillis()))));
    }

    @Bean
    ValueFraming valueFraming(GatewayProperties properties) {
        return ValueFraming.of(properties.kafka().schemaRegistryUrl());
    }

    /** Relays publish in batches, with nobody waiting on a single record: they may linger a little to batch. */
    @Bean
    KafkaTemplate<String, byte[]> relayTemplate(KafkaProperties kafka) {
        Map<String, Object> props = producerProps(kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    BetTopicWriter betTopicWriter(KafkaTemplate<String, byte[]> relayTemplate, MessageCodec codec, ValueFraming framing,
                                  Topics topics) {
        return new BetTopicWriter(relayTemplate, codec, framing, topics.bets());
    }

    @Bean
    EventTopicWriter eventTopicWriter(KafkaTemplate<String, byte[]> relayTemplate, MessageCodec codec, ValueFraming framing,
                                      Topics topics) {
        return new EventTopicWriter(relayTemplate, codec, framing, topics.events());
    }

    @Bean
    EventOutbox eventOutbox(MessageCodec codec, Topics topics) {
        return new EventOutbox(codec, topics.events());
    }

    @Bean
    KafkaTemplate<String, CommandMessage> commandTemplate(KafkaProperties kafka, MessageCodec codec) {
        Serializer<CommandMessage> serializer = (topic, command) -> command == null ? null : codec.encode(command);
        return observed(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka), new StringSerializer(),
                serializer)));
    }

    @Bean
    KafkaTemplate<String, ReplyMessage> replyTemplate(KafkaProperties kafka, MessageCodec codec) {
        Serializer<ReplyMessage> serializer = (topic, reply) -> reply == null ? null : codec.encode(reply);
        return observed(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka), new StringSerializer(),
                serializer)));
    }

    @Bean
    RecordObservations recordObservations(ObjectProvider<ObservationRegistry> registry) {
        return new RecordObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * spring-kafka's send observation: each command and reply record carries the W3C
     * {@code traceparent} of the request or command it belongs to (the template takes the
     * context's ObservationRegistry when it starts).
     */
    private static <V> KafkaTemplate<String, V> observed(KafkaTemplate<String, V> template) {
        template.setObservationEnabled(true);
        return template;
    }

    /**
     * Writes dead letters as the original key and value bytes of the record, so nothing about a
     * bad record is lost.
     */
    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        return observed(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new ByteArraySerializer())));
    }

    private static Map<String, Object> producerProps(KafkaProperties kafka) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Every command and reply has a caller waiting on it, so a record never waits to fill a batch.
        // Under load records still batch: they accumulate while earlier requests are in flight.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }
}
