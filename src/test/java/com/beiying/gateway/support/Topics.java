package com.beiying.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.messaging.avro.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reads topics with a plain Kafka consumer, as any outside consumer would, and writes raw records to them. */
public final class Topics {
    private Topics() {
    }

    /** Every record currently in the topic, from its beginning to its end. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** Writes one record of raw bytes, as a producer outside the gateway would, and waits for the broker's acknowledgement. */
    public static void send(String bootstrap, String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    /** Names of every topic on the broker except Kafka's internal ones. */
    public static Set<String> names(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records of the topics whose names end in {@code suffix} that consumer group {@code group}
     * has not yet committed as done: a partition without a committed offset counts from its start.
     * The workers commit a command only once it is processed, so 0 means none is queued or running.
     */
    public static long lag(String bootstrap, String group, String suffix) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(suffix)).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the lag of " + group, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the lag of " + group, e);
        }
    }

    /** The value of a header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits (180 s at most) until consumer group {@code group} has at least {@code members} members
     * and each holds a partition: a worker started as its own JVM takes 15 to 25 s on two busy cores
     * before it consumes, longer than a request's reply timeout. {@code alive} is checked on every
     * poll, so a worker that died fails the wait at once with {@code why}.
     */
    public static void awaitGroup(String bootstrap, String group, int members, BooleanSupplier alive, Supplier<String> why) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .ignoreException(ExecutionException.class).until(() -> {
                        assertThat(alive.getAsBoolean()).as(why).isTrue();
                        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                        return description.members().size() >= members
                                && description.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
                    });
        }
    }

    /** Polls a replies consumer until the reply to {@code requestId} arrives (30 s at most); that reply. */
    public static Reply awaitReply(KafkaConsumer<String, byte[]> consumer, String requestId) {
        List<Reply> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(Reply.fromByteBuffer(ByteBuffer.wrap(record.value())));
            }
            return seen.stream().anyMatch(r -> r.getRequestId().equals(requestId));
        });
        return seen.stream().filter(r -> r.getRequestId().equals(requestId)).findFirst().orElseThrow();
    }
}
