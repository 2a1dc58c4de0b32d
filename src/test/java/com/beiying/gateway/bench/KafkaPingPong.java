package com.beiying.gateway.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker's limit for the gateway's message pattern: a request record to a ping topic, an echo
 * service that consumes it and produces the same bytes to a pong topic, and a reply reader that
 * completes the waiting client. Two produce-consume hops, as a command and its reply take, through
 * the same broker, with records of a command's size and the gateway's producer settings.
 */
final class KafkaPingPong implements AutoCloseable {
    private final String ping;
    private final String pong;
    private final byte[] payload;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReferenceArray<CompletableFuture<Void>> waiting;
    private final AtomicLongArray expected;
    private final Thread echo;
    private final Thread replies;
    private volatile boolean running = true;

    KafkaPingPong(String bootstrap, String run, int partitions, int maxClients, int recordBytes) throws Exception {
        this.ping = "bench." + run + ".ping";
        this.pong = "bench." + run + ".pong";
        this.payload = new byte[recordBytes];
        this.waiting = new AtomicReferenceArray<>(maxClients);
        this.expected = new AtomicLongArray(maxClients);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(ping, partitions, (short) 1), new NewTopic(pong, partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        this.producer = new KafkaProducer<>(producerProps(bootstrap));
        KafkaConsumer<byte[], byte[]> echoConsumer = new KafkaConsumer<>(consumerProps(bootstrap, "bench." + run + ".echo"));
        echoConsumer.subscribe(List.of(ping));
        KafkaConsumer<byte[], byte[]> replyConsumer = new KafkaConsumer<>(consumerProps(bootstrap, null));
        List<TopicPartition> pongPartitions = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(pong, p)).toList();
        replyConsumer.assign(pongPartitions);
        replyConsumer.seekToBeginning(pongPartitions);
        this.echo = loop("bench-echo", echoConsumer, r -> producer.send(new ProducerRecord<>(pong, r.key(), r.value())));
        this.replies = loop("bench-replies", replyConsumer, r -> {
            ByteBuffer key = ByteBuffer.wrap(r.key());
            int client = key.getInt();
            if (key.getLong() == expected.get(client)) {
                waiting.get(client).complete(null);
            }
        });
        // The echo group's first assignment takes a while: wait for one full round trip.
        exchange(0, -1L, Duration.ofSeconds(60));
    }

    /** One client's session: sends a ping and waits for its pong. */
    IntFunction<LoadRunner.Session> sessions() {
        return client -> new LoadRunner.Session() {
            private long sequence;

            @Override
            public String exchange() throws Exception {
                KafkaPingPong.this.exchange(client, ++sequence, Duration.ofSeconds(30));
                return null;
            }
        };
    }

    private void exchange(int client, long sequence, Duration timeout) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.set(client, f);
        expected.set(client, sequence);
        byte[] key = ByteBuffer.allocate(12).putInt(client).putLong(sequence).array();
        producer.send(new ProducerRecord<>(ping, key, payload));
        f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Thread loop(String name, KafkaConsumer<byte[], byte[]> consumer,
                        Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Thread t = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        each.accept(r);
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static Properties consumerProps(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        echo.join(5_000);
        replies.join(5_000);
        producer.close(Duration.ofSeconds(5));
    }
}
