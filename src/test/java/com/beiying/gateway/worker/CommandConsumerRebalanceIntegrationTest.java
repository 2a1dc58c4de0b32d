package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A worker whose partitions were taken while a command still ran keeps consuming. The group moves
 * on without a member that overruns its rebalance timeout (as after a broker restart or a lost
 * session); that member's commit on revoke then fails, and before this was handled the failure
 * left poll() and ended the consumer loop for good: the chaos suite lost its only worker that way.
 */
class CommandConsumerRebalanceIntegrationTest extends IntegrationTest {
    /** How long the group waits for a member to finish its revocation before it moves on without it. */
    private static final int REBALANCE_TIMEOUT_MS = 2_000;

    @Test
    void aConsumerWhoseCommitOnRevokeFailsKeepsConsumingAfterTheGroupMovedOn() throws Exception {
        String topic = "test.rebalance." + UUID.randomUUID();
        String group = "test-rebalance-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Long> seenByFirst = new CopyOnWriteArrayList<>();
        List<Long> seenBySecond = new CopyOnWriteArrayList<>();
        // Undecodable records reach the processor as well, so plain bytes serve as commands here.
        CommandConsumer first = consumer(group, topic, pool, record -> {
            seenByFirst.add(record.offset());
            if (record.offset() == 0) {
                firstStarted.countDown();
                waitFor(releaseFirst);
            }
        });
        CommandConsumer second = consumer(group, topic, pool, record -> seenBySecond.add(record.offset()));
        Thread firstLoop = start(first, "first-consumer");
        Thread secondLoop = null;
        try {
            send(topic, "slow command");
            assertThat(firstStarted.await(30, TimeUnit.SECONDS)).as("the first consumer took the record").isTrue();

            // A second member joins: the first is asked to revoke while its record still runs, waits
            // for it, and the group reassigns the partition without it once the rebalance timeout passes.
            secondLoop = start(second, "second-consumer");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(seenBySecond).as("the record redelivered to the member the group moved on to").contains(0L));
            releaseFirst.countDown(); // its commit on revoke now fails: the group has moved on

            second.stop();
            secondLoop.join(20_000);
            assertThat(secondLoop.isAlive()).isFalse();
            send(topic, "next command");
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    assertThat(seenByFirst).as("the first consumer, alone in the group again, takes the next command").contains(1L));
            assertThat(firstLoop.isAlive()).isTrue();
        } finally {
            releaseFirst.countDown();
            first.stop();
            second.stop();
            firstLoop.join(20_000);
            if (secondLoop != null) {
                secondLoop.join(20_000);
            }
            pool.shutdownNow();
        }
    }

    private CommandConsumer consumer(String group, String topic, ExecutorService pool, RecordSink sink) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                // The group's rebalance timeout is its members' max poll interval.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, REBALANCE_TIMEOUT_MS,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        CommandConsumer.Processor processor = new CommandConsumer.Processor() {
            @Override
            public void process(ConsumerRecord<String, byte[]> record, CommandMessage command) {
                sink.take(record);
            }

            @Override
            public void undecodable(ConsumerRecord<String, byte[]> record, Exception e) {
                sink.take(record);
            }
        };
        return new CommandConsumer(props, group, Pattern.compile(Pattern.quote(topic)), new KeyedExecutor(pool), processor,
                new MessageCodec(), 100);
    }

    private void send(String topic, String value) {
        Topics.send(bootstrapServers(), topic, "member".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(CommandConsumer consumer, String name) {
        Thread loop = new Thread(consumer, name);
        loop.start();
        return loop;
    }

    private interface RecordSink {
        void take(ConsumerRecord<String, byte[]> record);
    }
}
