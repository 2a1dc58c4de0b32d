package com.beiying.gateway.worker;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.RecordObservations;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.OperatorDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The worker role's command intake: {@code consumers} consumer loops on the shared commands
 * topic and every Kafka-native operator's topic, a pool of {@code threads} for the commands
 * themselves. A command that fails unexpectedly is retried with backoff; after the last attempt it
 * is answered ERROR and dead-lettered, so its caller is never left waiting.
 */
final class CommandWorker implements SmartLifecycle, CommandConsumer.Processor {
    private static final Logger log = LoggerFactory.getLogger(CommandWorker.class);
    private static final long[] BACKOFF_MILLIS = {100, 500, 2_000};
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Settings of the intake. */
    record Settings(String groupId, Pattern topics, int consumers, int threads, int maxInFlight) {
    }

    private final Map<String, Object> consumerProps;
    private final Settings settings;
    private final CommandDispatcher dispatcher;
    private final Topics topics;
    private final OperatorDirectory operators;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final MessageCodec codec;
    private final CommandMetrics metrics;
    private final RecordObservations observations;
    private final List<CommandConsumer> loops = new CopyOnWriteArrayList<>();
    private final List<Thread> loopThreads = new ArrayList<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ExecutorService pool;
    private KeyedExecutor executor;
    private volatile boolean running;

    CommandWorker(Map<String, Object> consumerProps, Settings settings, CommandDispatcher dispatcher, Topics topics,
                  OperatorDirectory operators, DeadLetterPublishingRecoverer deadLetters, MessageCodec codec, MeterRegistry meters,
                  CommandMetrics metrics, RecordObservations observations) {
        this.consumerProps = consumerProps;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.topics = topics;
        this.operators = operators;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.metrics = metrics;
        this.observations = observations;
        Gauge.builder("gateway.kafka.consumer.lag", this, w -> w.loops.stream().mapToLong(CommandConsumer::lag).sum())
                .tag("group", settings.groupId())
                .description("records of the group's partitions not yet processed by this process's loops").register(meters);
        Gauge.builder("gateway.worker.active.members", this, w -> w.executor == null ? 0 : w.executor.activeKeys())
                .description("members with commands queued or running on this worker").register(meters);
    }

    /** Processes one command inside the trace its record carries (traceparent), so every log line and call shares it. */
    @Override
    public void process(ConsumerRecord<String, byte[]> record, CommandMessage claimed) {
        try (RecordObservations.Processing traced = observations.command(record, claimed.kind().name())) {
            processTraced(record, claimed);
        }
    }

    private void processTraced(ConsumerRecord<String, byte[]> record, CommandMessage claimed) {
        Optional<String> nativeOperator = topics.operatorOf(record.topic());
        // On an operator's own topic a command acts for that operator, whatever its payload claims.
        CommandMessage command = nativeOperator.map(id -> new CommandMessage(claimed.requestId(), id, claimed.kind(),
                claimed.language(), claimed.fields(), null, claimed.createdAt())).orElse(claimed);
        String replyTopic = topics.replyTopicFor(record.topic());
        if (nativeOperator.isPresent()) {
            Optional<Operator> operator = operators.byId(command.operatorId()).filter(Operator::kafkaNative);
            if (operator.isEmpty()) {
                log.warn("command on {} for no Kafka-native operator; skipped", record.topic());
                return;
            }
            if (!operator.get().active()) {
                attempt(record, command, () -> dispatcher.refuse(record.key(), command, replyTopic,
                        new GatewayException(Errors.OPERATOR_SUSPENDED)));
                return;
            }
        }
        if (command.kind().admin() && (nativeOperator.isPresent() || !Correlation.ADMIN_SENDER.equals(command.operatorId()))) {
            // Admin commands come only from the admin API, which writes them to the shared topic
            // (operators cannot: README, "Kafka-native operators") under the admin's sender id.
            // To an operator they are a command type that does not exist: NOSUPPORT, nothing run.
            log.warn("admin command {} from {} refused", command.correlationId(), record.topic());
            attempt(record, command, () -> dispatcher.refuse(record.key(), command, replyTopic,
                    new GatewayException(Errors.NOT_SUPPORTED)));
            return;
        }
        attempt(record, command, () -> dispatcher.dispatch(record.key(), command, replyTopic));
    }

    private void attempt(ConsumerRecord<String, byte[]> record, CommandMessage command, Runnable work) {
        for (int i = 0; ; i++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (i == BACKOFF_MILLIS.length) {
                    giveUp(record, command, e);
                    return;
                }
                log.warn("command {} failed (attempt {}), retrying: {}", command.correlationId(), i + 1, e.toString());
                sleep(BACKOFF_MILLIS[i]);
            }
        }
    }

    private void giveUp(ConsumerRecord<String, byte[]> record, CommandMessage command, RuntimeException cause) {
        try {
            dispatcher.fail(record.key(), command, topics.replyTopicFor(record.topic()), cause);
        } catch (RuntimeException answerFailed) {
            log.error("could not answer failed command {}", command.correlationId(), answerFailed);
        }
        deadLetter(record, cause, CommandMetrics.DeadLetter.FAILED);
    }

    /**
     * A record that cannot be decoded goes to the dead-letter topic; when its correlation header
     * names a request, its sender is also told why, on the replies topic it reads.
     */
    @Override
    public void undecodable(ConsumerRecord<String, byte[]> record, Exception e) {
        log.warn("undecodable command at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        deadLetter(record, e, CommandMetrics.DeadLetter.UNDECODABLE);
        correlationOf(record).ifPresent(command -> {
            try {
                dispatcher.reject(record.key(), command, topics.replyTopicFor(record.topic()),
                        new GatewayException(Errors.UNDECODABLE_COMMAND));
            } catch (RuntimeException failed) {
                log.warn("could not answer undecodable record {}: {}", command.correlationId(), failed.toString());
            }
        });
    }

    /** The request an undecodable record names in its correlation header, as an UNKNOWN command of the topic's operator. */
    private Optional<CommandMessage> correlationOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Correlation.HEADER);
        if (header == null) {
            return Optional.empty();
        }
        String value = new String(header.value(), StandardCharsets.UTF_8);
        int colon = value.indexOf(':');
        if (colon <= 0 || !REQUEST_ID.matcher(value.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        String operatorId = topics.operatorOf(record.topic()).orElse(value.substring(0, colon));
        return Optional.of(new CommandMessage(value.substring(colon + 1), operatorId, CommandKind.UNKNOWN, Language.ZH_CN,
                Map.of(), null, Instant.now()));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception e, CommandMetrics.DeadLetter reason) {
        try {
            deadLetters.accept(record, e);
            metrics.deadLettered(reason);
        } catch (RuntimeException failed) {
            log.error("dead-lettering {}-{}@{} failed", record.topic(), record.partition(), record.offset(), failed);
        }
    }

    @Override
    public synchronized void start() {
        pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "command-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor = new KeyedExecutor(pool);
        for (int i = 0; i < settings.consumers(); i++) {
            CommandConsumer loop = new CommandConsumer(consumerProps, settings.groupId(), settings.topics(), executor, this,
                    codec, settings.maxInFlight());
            loops.add(loop);
            Thread t = new Thread(loop, "command-consumer-" + i);
            t.setDaemon(true);
            t.start();
            loopThreads.add(t);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        loops.forEach(CommandConsumer::stop);
        // Each loop finishes its in-flight records, commits and leaves the group before the rest of
        // the process (producers, database pool) goes away, so its partitions move at once.
        for (Thread t : loopThreads) {
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loopThreads.clear();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
