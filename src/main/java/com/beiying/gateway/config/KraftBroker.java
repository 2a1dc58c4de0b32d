package com.beiying.gateway.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run from
 * the Kafka jars in this JVM, listening on a fixed or a free port. Unlike the test kits it binds
 * exactly the port it is given, so the embedded default is reachable at localhost:9092. Both
 * listeners bind {@code localhost}, so nothing outside this machine reaches them.
 */
final class KraftBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KraftBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker on {@code dir}, formatting it first only when it has never been formatted
     * (no {@code meta.properties}); otherwise the broker recovers its log and metadata from there,
     * after a clean stop as after a crash. Waits until it answers.
     */
    static KraftBroker start(int port, Path dir) {
        try {
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Map<String, Object> props = new HashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dir.toString());
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            // The log cleaner's dedupe map is a heap buffer of 128 MB by default, allocated up front:
            // a quarter of the gateway's heap for compacting a few internal topics here. 16 MB keep
            // the broker's compaction and give the gateway back 112 MB (measured with a heap dump).
            props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
            KafkaConfig config = new KafkaConfig(props);

            boolean restart = Files.exists(dir.resolve("meta.properties"));
            if (!restart) {
                format(dir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            KraftBroker broker = new KraftBroker(server, "localhost:" + brokerPort);
            broker.awaitReady(Duration.ofSeconds(60));
            if (restart) {
                broker.removeLeftoverGroupMembers();
            }
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker did not start", e);
        }
    }

    /**
     * A new cluster in {@code dir}. Its voter set is static ({@code controller.quorum.voters}, no
     * dynamic quorum), so the controller may listen on another free port at the next start.
     */
    private static void format(Path dir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** {@code localhost:port}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    private void awaitReady(Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * After a {@code kill -9} the consumer groups stored in the log still list the killed process's
     * consumers, and a new worker joining such a group waits until their sessions expire (45 s by
     * default) before it gets a partition: every request meanwhile times out. This broker was down
     * until a moment ago, so no member it lists is alive; they are removed (what a clean stop's
     * leave-group would have done) and the gateway's own consumers join at once. A live client
     * removed by mistake would merely rejoin. Only classic groups, as the gateway's workers use.
     */
    private void removeLeftoverGroupMembers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<GroupState> withMembers = Set.of(GroupState.STABLE, GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE);
            for (GroupListing group : admin.listGroups(new ListGroupsOptions().withTypes(Set.of(GroupType.CLASSIC))
                    .inGroupStates(withMembers)).all().get(30, TimeUnit.SECONDS)) {
                admin.removeMembersFromConsumerGroup(group.groupId(), new RemoveMembersFromConsumerGroupOptions())
                        .all().get(30, TimeUnit.SECONDS);
                log.info("removed the members a stopped gateway left in consumer group {}", group.groupId());
            }
        } catch (Exception e) {
            // Not fatal: the leftover members expire by themselves, only later.
            log.warn("could not remove leftover consumer group members: {}", e.toString());
        }
    }

    @Override
    public void close() {
        // A clean shutdown: the log is flushed and the next start skips recovery. The log stays.
        server.shutdown();
        server.awaitShutdown();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
