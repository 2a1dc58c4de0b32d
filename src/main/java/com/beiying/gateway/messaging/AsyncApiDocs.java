package com.beiying.gateway.messaging;

import com.beiying.gateway.config.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates {@code docs/asyncapi.yaml}, the AsyncAPI 3 description of the gateway's topics, from
 * the topic table below and the schemas in {@code avro/}. The build runs it (phase
 * {@code process-classes}) and also writes the text into the jar's {@code static/} folder, so a
 * running gateway serves it at {@code /asyncapi.yaml}; a test fails when the committed copy is
 * stale. A topic is one {@link Topic} entry; a topic whose schema file is missing fails the build.
 */
public final class AsyncApiDocs {
    /** The default of {@code gateway.kafka.topic-prefix}; the document names topics under it. */
    static final String DEFAULT_PREFIX = "beiying.";
    /**
     * The version of the topic contract described, not of the jar: raise it with a new topic, key,
     * header or released schema version, so the committed document does not change with every build.
     */
    static final String CONTRACT_VERSION = "1.0.0";
    static final String AVRO_FORMAT = "application/vnd.apache.avro;version=1.9.0";
    static final String ASYNCAPI_FORMAT = "application/vnd.aai.asyncapi+json;version=3.0.0";
    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a channel parameter of an address stands for. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "OperatorId", "The id of a Kafka-native operator (created with \"KafkaNative\": true through the admin API, which"
                    + " creates its two topics). Operator ids never contain ':' or '.'.");

    /** Who does an operation, from the gateway's side. */
    enum Action {
        SEND, RECEIVE
    }

    /** How a topic's values are framed. */
    enum Encoding {
        /** What {@link MessageCodec} writes. */
        SINGLE_OBJECT("Avro single-object encoding: the marker bytes C3 01, the writer schema's 8-byte little-endian"
                + " CRC-64-AVRO fingerprint (Avro's SchemaNormalization.parsingFingerprint64), then the Avro binary body."
                + " Readers look the fingerprint up among every released version of the schema (avro/released/<Record>/v<n>.avsc)"
                + " and resolve to their own; the schemas are the classes generated from avro/."),
        /** For topics that a schema registry may frame; {@code registry.AvroValueReader} reads both. */
        SINGLE_OBJECT_OR_REGISTRY("Avro single-object encoding (C3 01, the writer schema's 8-byte little-endian CRC-64-AVRO"
                + " fingerprint, the Avro binary body) or, when gateway.kafka.schema-registry-url is set, the Confluent wire"
                + " format (00, the schema's registry id as a 4-byte big-endian int, the Avro binary body; subject"
                + " <topic>-value). The first byte tells them apart."),
        /** Dead letters: whatever arrived. */
        ORIGINAL_BYTES("The original record's value bytes, unchanged: whatever could not be decoded or processed.");

        private final String note;

        Encoding(String note) {
            this.note = note;
        }
    }

    /** A Kafka header a message carries. */
    record Header(String name, String description, boolean required) {
    }

    /** One thing a gateway role does with a topic. */
    record Operation(String id, Action action, Role role, String summary) {
    }

    /**
     * One topic, one channel: its channel id; its address under a prefix, made by {@link Topics}
     * (the one place topic names are made) with {@code {Parameter}} for a per-operator part; a
     * title and description; what its key holds; the id of its message; its values' schema, a file
     * {@code avro/<schema>.avsc} (null with {@link Encoding#ORIGINAL_BYTES}), and their framing;
     * the headers its records carry; whether it is compacted; and what the gateway does with it.
     */
    record Topic(String id, Function<Topics, String> address, String title, String description, String key, String message,
                 String schema, Encoding encoding, List<Header> headers, boolean compacted, List<Operation> operations) {
    }

    private static final Header CORRELATION = new Header(Correlation.HEADER,
            "<OperatorId>:<RequestId>: joins a reply to its command.", true);
    private static final Header COMMAND_TYPE = new Header(Correlation.TYPE_HEADER,
            "The command type (a CommandType symbol), readable without decoding the value.", true);
    private static final String MEMBER_KEY = "<OperatorId>:<UserName>. One member's records share a partition, so they stay"
            + " in order; different members' records run in parallel.";

    /**
     * The Kafka protocol binding of CloudEvents 1.0 in binary mode: the event's attributes as
     * {@code ce_}-prefixed headers, the data as the value. For the events topic to come.
     */
    static final List<Header> CLOUD_EVENTS_HEADERS = List.of(
            new Header("ce_id", "CloudEvents id: unique per source.", true),
            new Header("ce_type", "CloudEvents type, for example com.beiying.member.registered.", true),
            new Header("ce_source", "CloudEvents source: the producing gateway, as a URI reference.", true),
            new Header("ce_time", "CloudEvents time: when it happened, RFC 3339.", false),
            new Header("ce_specversion", "CloudEvents spec version: 1.0.", true),
            new Header("content-type", "The value's media type (CloudEvents datacontenttype).", true));

    /** Every topic the gateway reads or writes. */
    static final List<Topic> TOPICS = List.of(
            new Topic("commands", Topics::commands, "Commands",
                    "Every HTTP request an operator makes, as an Avro Command the ingress publishes for the workers; also"
                            + " the admin API's work that needs a provider (ADMIN_RECONCILE pages, sender " + Correlation.ADMIN_SENDER
                            + "), which only the ingress may publish here.",
                    MEMBER_KEY + " Commands that concern no member (order and bet-record queries, admin commands):"
                            + " <OperatorId>:#<RequestId>, so that they spread over every partition.", "Command", "Command", Encoding.SINGLE_OBJECT,
                    List.of(CORRELATION, COMMAND_TYPE, new Header(Correlation.REPLY_TO_HEADER,
                            "The ingress instance waiting for the reply; diagnostics only, routing does not depend on it.", true)),
                    false,
                    List.of(new Operation("publishCommand", Action.SEND, Role.INGRESS,
                                    "Publish an authenticated HTTP request as a command."),
                            new Operation("runCommand", Action.RECEIVE, Role.WORKER,
                                    "Run each command at most once, one member's commands in order."))),
            new Topic("replies", Topics::replies, "Replies",
                    "The outcome of every command from the shared commands topic, and the final state of each transfer the"
                            + " resolver settles (under its original RequestId). Every ingress instance reads every partition"
                            + " and skips by the correlation header the replies no one waits for on it.",
                    "the command's key: " + MEMBER_KEY, "Reply", "Reply", Encoding.SINGLE_OBJECT,
                    List.of(CORRELATION, COMMAND_TYPE), false,
                    List.of(new Operation("publishReply", Action.SEND, Role.WORKER,
                                    "Publish a command's outcome once it is committed."),
                            new Operation("awaitReply", Action.RECEIVE, Role.INGRESS,
                                    "Answer the waiting HTTP request its reply belongs to."))),
            new Topic("deadLetters", Topics::deadLetter, "Dead letters",
                    "Command records that could not be decoded (at once) or processed (after retries), for people to look"
                            + " at. One partition.",
                    "the original record's key, as received.", "DeadLetter", null, Encoding.ORIGINAL_BYTES,
                    List.of(new Header(KafkaHeaders.DLT_ORIGINAL_TOPIC, "The topic the record was read from.", true),
                            new Header(KafkaHeaders.DLT_ORIGINAL_PARTITION, "Its partition, a 4-byte big-endian int.", true),
                            new Header(KafkaHeaders.DLT_ORIGINAL_OFFSET, "Its offset, an 8-byte big-endian long.", true),
                            new Header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, "Its timestamp, an 8-byte big-endian long.", true),
                            new Header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, "Its timestamp type.", true),
                            new Header(KafkaHeaders.DLT_EXCEPTION_FQCN, "The class of the exception that refused it.", true),
                            new Header(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, "The class of that exception's cause.", false),
                            new Header(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "The exception's message.", false),
                            new Header(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, "The exception's stack trace.", false),
                            new Header(Correlation.HEADER, "Copied from the original record, with its other headers.", false)),
                    false,
                    List.of(new Operation("deadLetterCommand", Action.SEND, Role.WORKER,
                            "Set aside a command record that cannot be decoded or processed."))),
            new Topic("operatorCommands", t -> t.operatorCommands("{OperatorId}"), "A Kafka-native operator's commands",
                    "Commands a Kafka-native operator produces directly. The worker takes the operator from the topic name,"
                            + " never from the payload, and answers on the same operator's replies topic only. Secret fields"
                            + " travel sealed (FieldValue.sealed). Admin command types (ADMIN_*) are refused here (NOSUPPORT).",
                    "chosen by the operator; use " + MEMBER_KEY, "OperatorCommand", "Command", Encoding.SINGLE_OBJECT,
                    List.of(new Header(Correlation.HEADER, "<OperatorId>:<RequestId>. Optional, but it lets the gateway"
                                    + " answer a record it cannot decode (UNDECODABLE_COMMAND) instead of only dead-lettering it.", false),
                            new Header(Correlation.TYPE_HEADER, "The command type; informative, the value's type field decides.", false)),
                    false,
                    List.of(new Operation("runOperatorCommand", Action.RECEIVE, Role.WORKER,
                            "Run a Kafka-native operator's command as that operator."))),
            new Topic("operatorReplies", t -> t.operatorReplies("{OperatorId}"), "A Kafka-native operator's replies",
                    "The outcome of each command from the operator's own commands topic, and the final state of its"
                            + " transfers the resolver settles. Only that operator may read it.",
                    "the command's key.", "OperatorReply", "Reply", Encoding.SINGLE_OBJECT,
                    List.of(CORRELATION, COMMAND_TYPE), false,
                    List.of(new Operation("publishOperatorReply", Action.SEND, Role.WORKER,
                            "Answer a Kafka-native operator on its own replies topic."))),
            new Topic("events", Topics::events, "Member events",
                    "A member's history for analytics and back offices: MemberRegistered, MemberLoggedIn, PasswordChanged,"
                            + " MemberLocked, TransferSettled (final Success or Failed, also when the resolver settles it) and"
                            + " TransferUnresolved, as one Avro Event with a union of the event types. Written to an outbox in the"
                            + " transaction of the change and relayed at least once, in order per member: consumers drop"
                            + " duplicates by eventId (also the ce_id header). No event is published for a change that rolled back.",
                    MEMBER_KEY, "Event", "Event", Encoding.SINGLE_OBJECT_OR_REGISTRY, CLOUD_EVENTS_HEADERS, false,
                    List.of(new Operation("publishEvent", Action.SEND, Role.WORKER,
                            "Relay each committed event from the outbox."))),
            new Topic("bets", Topics::bets, "Bet records",
                    "Every new revision of every bet the collectors store, as an Avro BetRecord: the same fields as the API's"
                            + " records, money as exact decimals, times as instants with the operator's time zone beside them."
                            + " Compacted: the latest revision of each bet stays. Published at least once, relayed from the"
                            + " commit-ordered revision log; a reader keeps the highest revision of each BetId.",
                    "<OperatorId>:<BetId>. Every revision of a bet shares a partition, so they arrive in order.", "BetRecord",
                    "BetRecord", Encoding.SINGLE_OBJECT_OR_REGISTRY,
                    List.of(new Header("content-type", "application/vnd.apache.avro+binary;record=BetRecord;encoding=single-object"
                            + " (or encoding=confluent in registry mode).", true)), true,
                    List.of(new Operation("publishBetRecord", Action.SEND, Role.WORKER,
                            "Relay each new bet revision from the revision log."))));

    private AsyncApiDocs() {
    }

    /**
     * Writes the document to the first argument's path and the same text to the second's (the
     * jar's {@code static/asyncapi.yaml}), reading schemas from the third ({@code avro/} by default).
     */
    public static void main(String[] args) throws IOException {
        String text = render(Path.of(args.length > 2 ? args[2] : "avro"));
        for (int i = 0; i < Math.min(2, args.length); i++) {
            Path target = Path.of(args[i]).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        }
    }

    /** The whole document for the gateway's topics and the schemas in the given directory. */
    static String render(Path avroDir) {
        return render(TOPICS, avroDir);
    }

    /**
     * The whole document for the given topics.
     *
     * @throws IllegalStateException when a topic's schema file is missing or does not parse
     */
    static String render(List<Topic> topics, Path avroDir) {
        Map<String, Schema> schemas = schemas(avroDir, topics);
        Topics names = new Topics(DEFAULT_PREFIX);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put("info", info());
        doc.put("defaultContentType", "application/octet-stream");
        doc.put("servers", Map.of("kafka", map("host", "localhost:9092", "protocol", "kafka",
                "description", "The cluster in spring.kafka.bootstrap-servers; localhost:9092 is the default and the embedded broker.")));
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (Topic topic : topics) {
            channels.put(topic.id(), channel(topic, topic.address().apply(names)));
            for (Operation op : topic.operations()) {
                if (operations.put(op.id(), operation(topic, op)) != null) {
                    throw new IllegalStateException("two operations are called " + op.id());
                }
            }
            if (messages.put(topic.message(), message(topic, schemas.get(topic.id()))) != null) {
                throw new IllegalStateException("two topics' messages are called " + topic.message());
            }
        }
        doc.put("channels", channels);
        doc.put("operations", operations);
        doc.put("components", Map.of("messages", messages));
        return "# Generated from avro/ and com.beiying.gateway.messaging.AsyncApiDocs by the build; do not edit by hand.\n"
                + YamlWriter.write(doc);
    }

    private static Map<String, Object> info() {
        return map("title", "Beiying Gateway", "version", CONTRACT_VERSION,
                "description", "The Kafka side of the Beiying game-provider gateway: the topics the HTTP ingress and the"
                        + " workers talk over, the dead letters, and each Kafka-native operator's own pair. Addresses use the"
                        + " default topic prefix `" + DEFAULT_PREFIX + "`, which gateway.kafka.topic-prefix"
                        + " (GATEWAY_KAFKA_TOPICPREFIX) changes for every topic at once. Values are Avro; each message says"
                        + " how it is framed. Operations are the gateway's, and each names the role (gateway.roles) that"
                        + " does it.");
    }

    private static Map<String, Object> channel(Topic topic, String address) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("address", address);
        channel.put("title", topic.title());
        channel.put("description", topic.description() + " Key: " + topic.key());
        channel.put("messages", Map.of(topic.message(), ref("#/components/messages/" + topic.message())));
        Map<String, Object> parameters = new LinkedHashMap<>();
        Matcher m = PARAMETER.matcher(address);
        while (m.find()) {
            String description = PARAMETERS.get(m.group(1));
            if (description == null) {
                throw new IllegalStateException("topic " + address + ": parameter {" + m.group(1) + "} has no description");
            }
            parameters.put(m.group(1), Map.of("description", description));
        }
        if (!parameters.isEmpty()) {
            channel.put("parameters", parameters);
        }
        channel.put("bindings", Map.of("kafka", map(
                "topicConfiguration", Map.of("cleanup.policy", List.of(topic.compacted() ? "compact" : "delete")),
                "bindingVersion", KAFKA_BINDING_VERSION)));
        return channel;
    }

    private static Map<String, Object> operation(Topic topic, Operation op) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("action", op.action().name().toLowerCase(Locale.ROOT));
        operation.put("channel", ref("#/channels/" + topic.id()));
        operation.put("summary", op.summary());
        operation.put("description", "Done by the " + role(op.role()) + " role.");
        operation.put("tags", List.of(Map.of("name", role(op.role()))));
        operation.put("messages", List.of(ref("#/channels/" + topic.id() + "/messages/" + topic.message())));
        return operation;
    }

    private static Map<String, Object> message(Topic topic, Schema schema) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", topic.message());
        message.put("description", topic.encoding().note);
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Header h : topic.headers()) {
            properties.put(h.name(), map("type", "string", "description", h.description()));
            if (h.required()) {
                required.add(h.name());
            }
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("type", "object");
        headers.put("properties", properties);
        if (!required.isEmpty()) {
            headers.put("required", required);
        }
        message.put("headers", headers);
        if (schema == null) {
            message.put("payload", map("schemaFormat", ASYNCAPI_FORMAT,
                    "schema", map("type", "string", "format", "binary", "description", topic.encoding().note)));
        } else {
            // The parsed schema's text has every named type it uses (Command's CommandType, FieldValue) expanded.
            message.put("payload", map("schemaFormat", AVRO_FORMAT, "schema", JSON.readValue(schema.toString(), LinkedHashMap.class)));
        }
        message.put("bindings", Map.of("kafka", map("key", map("type", "string", "description", topic.key()),
                "bindingVersion", KAFKA_BINDING_VERSION)));
        return message;
    }

    /**
     * Each topic's value schema, by topic id. Every {@code *.avsc} directly in the directory is
     * parsed with one parser, so a schema may name types defined in the other files, as the
     * generated classes do.
     */
    private static Map<String, Schema> schemas(Path avroDir, List<Topic> topics) {
        SchemaParser parser = new SchemaParser();
        Map<String, SchemaParser.ParseResult> files = new TreeMap<>();
        try (DirectoryStream<Path> avsc = Files.newDirectoryStream(avroDir, "*.avsc")) {
            for (Path file : avsc) {
                files.put(file.getFileName().toString(), parser.parse(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas in " + avroDir.toAbsolutePath(), e);
        } catch (SchemaParseException e) {
            throw new IllegalStateException("a schema in " + avroDir.toAbsolutePath() + " does not parse: " + e.getMessage(), e);
        }
        Map<String, Schema> out = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Topic topic : topics) {
            if (!ids.add(topic.id())) {
                throw new IllegalStateException("two topics are called " + topic.id());
            }
            if ((topic.schema() == null) != (topic.encoding() == Encoding.ORIGINAL_BYTES)) {
                throw new IllegalStateException("topic " + topic.id() + ": an Avro encoding needs a schema, and original bytes have none");
            }
            if (topic.schema() == null) {
                continue;
            }
            String file = topic.schema() + ".avsc";
            SchemaParser.ParseResult parsed = files.get(file);
            if (parsed == null) {
                throw new IllegalStateException("topic " + topic.address().apply(new Topics(DEFAULT_PREFIX)) + " (" + topic.id()
                        + "): its value schema " + avroDir.resolve(file) + " is missing; a topic's entry in"
                        + " AsyncApiDocs.TOPICS needs its schema in avro/ first");
            }
            try {
                out.put(topic.id(), parser.resolve(parsed));
            } catch (RuntimeException e) {
                // The parser resolves every file it has read at once, so the culprit may be another file.
                throw new IllegalStateException("the schemas in " + avroDir.toAbsolutePath() + " do not resolve (reading " + file
                        + " for topic " + topic.id() + "): " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String role(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> ref(String pointer) {
        return Map.of("$ref", pointer);
    }

    /** An ordered map of alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
