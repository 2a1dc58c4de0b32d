package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.MessageCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's consumer loop. It keeps polling while commands run, hands each record to the
 * {@link KeyedExecutor} (one member's commands in order, different members in parallel) and
 * commits per partition only the contiguous prefix of finished records. So a command waiting on a
 * slow provider delays only later commands of the same member, never the other members of its
 * partition. In-flight records are bounded: past the bound the consumer pauses its partitions
 * (still polling, so it stays in the group) until half have finished. On revocation it waits for
 * the revoked partitions' records and commits them; anything still running then is redelivered to
 * the new owner, where the correlation store answers it from its stored reply.
 */
final class CommandConsumer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    /** Processes one decoded record; called on a pool thread, must not throw. */
    interface Processor {
        void process(ConsumerRecord<String, byte[]> record, CommandMessage command);

        /** Called for a record that cannot be decoded; must not throw. */
        void undecodable(ConsumerRecord<String, byte[]> record, Exception e);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Pattern topics;
    private final KeyedExecutor executor;
    private final Processor processor;
    private final int maxInFlight;
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> finished = new ConcurrentLinkedQueue<>();
    private final MessageCodec codec;
    private volatile boolean running = true;
    private volatile long lag;
    private long nextLagCheck;
    private boolean pausedForBackpressure;
    private int inFlight;

    CommandConsumer(Map<String, Object> consumerProps, String groupId, Pattern topics, KeyedExecutor executor,
                    Processor processor, MessageCodec codec, int maxInFlight) {
        Map<String, Object> props = new HashMap<>(consumerProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A new Kafka-native operator's topic is picked up by the pattern subscription within seconds.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 3_000);
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        // A worker killed with SIGKILL keeps its partitions until the group coordinator stops hearing
        // from it: 10 s instead of the client's 45 s bounds how long its commands wait for a successor.
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.executor = executor;
        this.processor = processor;
        this.codec = codec;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    drainUntilIdle(partitions, REVOKE_WAIT);
                    try {
                        commit(true);
                    } catch (KafkaException e) {
                        // The group moved on without us (a broker restart, a lost session): the
                        // partitions are already another member's, which gets their unfinished
                        // records again and answers repeats from the stored outcome. Thrown from
                        // here it would end poll() and this loop for good (a chaos run lost its
                        // only worker that way).
                        log.warn("commit on revoke failed; unfinished records will be redelivered: {}", e.toString());
                    }
                    partitions.forEach(progress::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        log.info("consuming commands from {} more partitions", partitions.size());
                    }
                    partitions.forEach(p -> progress.put(p, new PartitionProgress()));
                    if (pausedForBackpressure) {
                        consumer.pause(partitions);
                    }
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    start(record);
                }
                drainFinished();
                applyPause();
                commit(false);
                measureLag();
            }
        } catch (WakeupException e) {
            // stop() asked us to leave the poll
        } catch (RuntimeException e) {
            log.error("command consumer stopped", e);
        } finally {
            drainUntilIdle(progress.keySet(), REVOKE_WAIT);
            try {
                commit(true);
            } catch (RuntimeException e) {
                log.warn("final commit failed; unfinished records will be redelivered: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void start(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        progress.computeIfAbsent(tp, p -> new PartitionProgress()).started(record.offset());
        inFlight++;
        CommandMessage command;
        try {
            command = codec.decodeCommand(record.value());
        } catch (IllegalArgumentException e) {
            executor.submit(record.topic() + "/" + record.partition(), () -> {
                try {
                    processor.undecodable(record, e);
                } finally {
                    finished.add(record);
                }
            });
            return;
        }
        String key = record.key() != null ? record.key() : record.topic() + "/" + record.partition() + "@" + record.offset();
        executor.submit(key, () -> {
            try {
                processor.process(record, command);
            } finally {
                finished.add(record);
            }
        });
    }

    private void drainFinished() {
        ConsumerRecord<String, byte[]> done;
        while ((done = finished.poll()) != null) {
            inFlight--;
            PartitionProgress p = progress.get(new TopicPartition(done.topic(), done.partition()));
            if (p != null) {
                p.completed(done.offset());
            }
        }
    }

    private void drainUntilIdle(Collection<TopicPartition> partitions, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            drainFinished();
            boolean idle = partitions.stream().map(progress::get).allMatch(p -> p == null || p.inFlight() == 0);
            if (idle || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Pauses fetching at the in-flight bound and resumes once half of those records have finished. */
    private void applyPause() {
        boolean wantPaused = inFlight >= maxInFlight || (pausedForBackpressure && inFlight > maxInFlight / 2);
        if (wantPaused && consumer.paused().size() < consumer.assignment().size()) {
            consumer.pause(consumer.assignment());
        } else if (!wantPaused && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        pausedForBackpressure = wantPaused;
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> {
            long offset = p.committable();
            if (offset >= 0) {
                offsets.put(tp, new OffsetAndMetadata(offset));
                p.committedUpTo(offset);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    log.warn("offset commit failed (a later commit covers it): {}", e.toString());
                }
            });
        }
    }

    /**
     * Records of this loop's partitions not yet processed: behind the fetch position (known from
     * the last fetch, no broker round trip) plus fetched records still in flight. Measured once a
     * second on the loop's own thread, since the consumer is not thread-safe.
     */
    private void measureLag() {
        long now = System.nanoTime();
        if (now < nextLagCheck) {
            return;
        }
        nextLagCheck = now + LAG_INTERVAL.toNanos();
        long behind = 0;
        for (TopicPartition tp : consumer.assignment()) {
            behind += consumer.currentLag(tp).orElse(0);
        }
        lag = behind + inFlight;
    }

    /** The lag as last measured (0 before the first measurement and when nothing is assigned). */
    long lag() {
        return lag;
    }

    /** Asks the loop to stop; it finishes in-flight records first (bounded). */
    void stop() {
        running = false;
        consumer.wakeup();
    }
}
