package com.beiying.gateway.ingress;

import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.messaging.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reply routing: every ingress instance reads every partition of the replies topic by direct
 * assignment (no consumer group, so no rebalance pauses and no offsets), from the end as of its
 * start, and completes the requests it waits for. Replies for other instances are skipped by
 * their correlation header before any decoding. See README, "Reply routing".
 */
final class ReplyConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final Map<String, Object> props;
    private final String topic;
    private final ReplyWaiters waiters;
    private final MessageCodec codec;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile long lag;
    /** When the loop next measures its lag (its own thread only: the consumer is not thread-safe). */
    private long nextLagCheck;

    ReplyConsumer(Map<String, Object> consumerProps, String topic, ReplyWaiters waiters, MessageCodec codec) {
        this.props = new HashMap<>(consumerProps);
        this.props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        this.topic = topic;
        this.waiters = waiters;
        this.codec = codec;
    }

    /** Assigns all partitions at their end before returning, so no reply to a later request is missed. */
    @Override
    public void start() {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props);
        Set<TopicPartition> assigned = partitions(c);
        c.assign(assigned);
        c.seekToEnd(assigned);
        assigned.forEach(c::position);
        consumer = c;
        running = true;
        thread = new Thread(() -> loop(c, assigned), "reply-consumer");
        thread.setDaemon(true);
        thread.start();
        log.info("reply consumer reading {} partitions of {}", assigned.size(), topic);
    }

    private Set<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Set<TopicPartition> out = new HashSet<>();
            c.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            if (!out.isEmpty()) {
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replies topic " + topic + " has no partitions");
            }
            sleep(200);
        }
    }

    private void loop(KafkaConsumer<String, byte[]> c, Set<TopicPartition> initial) {
        Set<TopicPartition> assigned = new HashSet<>(initial);
        long nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(100))) {
                    deliver(record);
                }
                measureLag(c, assigned);
                if (System.nanoTime() > nextCheck) {
                    assigned = addNewPartitions(c, assigned);
                    nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                }
            }
        } catch (WakeupException e) {
            // stop() asked us to leave the poll
        } catch (RuntimeException e) {
            log.error("reply consumer stopped", e);
        } finally {
            c.close(Duration.ofSeconds(2));
        }
    }

    /** Replies not read yet, from the last fetch's positions (no broker round trip), once a second. */
    private void measureLag(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned) {
        long now = System.nanoTime();
        if (now < nextLagCheck) {
            return;
        }
        nextLagCheck = now + 1_000_000_000L;
        long behind = 0;
        for (TopicPartition tp : assigned) {
            behind += c.currentLag(tp).orElse(0);
        }
        lag = behind;
    }

    /** How many replies this instance has not read yet, as last measured. */
    long lag() {
        return lag;
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Correlation.HEADER);
        if (header == null || !waiters.isWaiting(new String(header.value(), StandardCharsets.UTF_8))) {
            return;
        }
        try {
            waiters.complete(codec.decodeReply(record.value()));
        } catch (IllegalArgumentException e) {
            log.warn("undecodable reply at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    /** Partitions added to the topic since start are read from their beginning: all their replies are new. */
    private Set<TopicPartition> addNewPartitions(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned) {
        Set<TopicPartition> now = partitions(c);
        if (now.equals(assigned)) {
            return assigned;
        }
        Set<TopicPartition> added = new HashSet<>(now);
        added.removeAll(assigned);
        c.assign(now);
        c.seekToBeginning(added);
        return now;
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server accepts requests and stops after it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
