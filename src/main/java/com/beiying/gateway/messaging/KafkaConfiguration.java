package com.beiying.gateway.messaging;

import com.beiying.gateway.config.GatewayProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Topics and producers shared by every role. Producers are idempotent with {@code acks=all}:
 * a command or reply acknowledged to us survives a broker failure and is never duplicated by a
 * producer retry.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    /** The gateway's topic names. */
    @Bean
    Topics topics(GatewayProperties properties) {
        GatewayProperties.Kafka k = properties.kafka();
        return new Topics(k.commandsTopic(), k.repliesTopic(), k.deadLetterTopic(),
                java.util.regex.Pattern.quote(k.topicPrefix()) + "op\\.[A-Za-z0-9_-]+\\.commands");
    }

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(GatewayProperties properties) {
        GatewayProperties.Kafka k = properties.kafka();
        return new KafkaAdmin.NewTopics(
                new NewTopic(k.commandsTopic(), k.commandPartitions(), k.replicationFactor()),
                new NewTopic(k.repliesTopic(), k.replyPartitions(), k.replicationFactor()),
                new NewTopic(k.deadLetterTopic(), 1, k.replicationFactor()));
    }

    @Bean
    KafkaTemplate<String, CommandMessage> commandTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new CommandSerde.Serializer()));
    }

    @Bean
    KafkaTemplate<String, ReplyMessage> replyTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new ReplySerde.Serializer()));
    }

    /**
     * Writes dead letters as the original key and value bytes of the record, so nothing about a
     * bad record is lost.
     */
    @Bean
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps(kafka),
                new StringSerializer(), new ByteArraySerializer()));
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

    /** Topic names; {@code operatorCommandsPattern} matches every Kafka-native operator's commands topic. */
    public record Topics(String commands, String replies, String deadLetter, String operatorCommandsPattern) {
    }
}
