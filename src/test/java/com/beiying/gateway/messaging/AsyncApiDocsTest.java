package com.beiying.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.config.Role;
import com.beiying.gateway.messaging.AsyncApiDocs.Action;
import com.beiying.gateway.messaging.AsyncApiDocs.Encoding;
import com.beiying.gateway.messaging.AsyncApiDocs.Operation;
import com.beiying.gateway.messaging.AsyncApiDocs.Topic;
import com.beiying.gateway.messaging.avro.BetRecord;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.messaging.avro.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

class AsyncApiDocsTest {
    private static final Path AVRO = Path.of("avro");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return (Map<String, Object>) new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> tree, String... path) {
        Map<String, Object> node = tree;
        for (String key : path) {
            assertThat(node).as(String.join("/", path)).containsKey(key);
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }

    @Test
    void committedDocsAreWhatTheGeneratorRenders() throws IOException {
        assertThat(Files.readString(Path.of("docs/asyncapi.yaml"))).isEqualTo(AsyncApiDocs.render(AVRO));
    }

    @Test
    void theDocumentIsAsyncApi3WithEveryTopic() {
        Map<String, Object> doc = parse(AsyncApiDocs.render(AVRO));
        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(at(doc, "info")).containsEntry("title", "Beiying Gateway").containsKeys("version", "description");
        assertThat((String) at(doc, "info").get("description")).contains("gateway.kafka.topic-prefix");
        assertThat(at(doc, "channels").values().stream().map(c -> (Object) ((Map<?, ?>) c).get("address")).toList()).containsExactly(
                "beiying.commands", "beiying.replies", "beiying.commands.dlt", "beiying.op.{OperatorId}.commands",
                "beiying.op.{OperatorId}.replies", "beiying.events", "beiying.bets");
        for (String id : List.of("operatorCommands", "operatorReplies")) {
            assertThat(at(doc, "channels", id, "parameters", "OperatorId")).containsKey("description");
        }
        assertThat(at(doc, "channels", "commands", "bindings", "kafka", "topicConfiguration"))
                .containsEntry("cleanup.policy", List.of("delete"));
        at(doc, "channels").keySet().forEach(id -> assertThat(at(doc, "channels", id)).as(id).containsKeys("description", "messages"));
        assertThat((String) at(doc, "channels", "commands").get("description")).contains("Key: <OperatorId>:<UserName>");

        assertThat(at(doc, "operations")).containsOnlyKeys("publishCommand", "runCommand", "publishReply", "awaitReply",
                "deadLetterCommand", "runOperatorCommand", "publishOperatorReply", "publishEvent", "publishBetRecord");
        assertThat(at(doc, "channels", "bets", "bindings", "kafka", "topicConfiguration"))
                .containsEntry("cleanup.policy", List.of("compact"));
        assertThat(at(doc, "operations", "publishCommand")).containsEntry("action", "send")
                .containsEntry("tags", List.of(Map.of("name", "ingress")));
        assertThat(at(doc, "operations", "runOperatorCommand")).containsEntry("action", "receive")
                .containsEntry("tags", List.of(Map.of("name", "worker")));
        assertThat(at(doc, "components", "messages", "Command", "headers", "properties"))
                .containsOnlyKeys(Correlation.HEADER, Correlation.TYPE_HEADER, Correlation.REPLY_TO_HEADER);
        assertThat(at(doc, "components", "messages", "Reply", "headers", "properties"))
                .containsOnlyKeys(Correlation.HEADER, Correlation.TYPE_HEADER);
        assertThat(at(doc, "components", "messages", "Command", "bindings", "kafka", "key")).containsEntry("type", "string");
    }

    @Test
    void everyPayloadDeclaresItsFormatAndEveryAvroPayloadIsTheGeneratedSchema() {
        Map<String, Object> messages = at(parse(AsyncApiDocs.render(AVRO)), "components", "messages");
        assertThat(messages).containsOnlyKeys("Command", "Reply", "DeadLetter", "OperatorCommand", "OperatorReply", "Event",
                "BetRecord");
        Map<String, Schema> expected = Map.of("Command", Command.getClassSchema(), "OperatorCommand", Command.getClassSchema(),
                "Reply", Reply.getClassSchema(), "OperatorReply", Reply.getClassSchema(), "BetRecord", BetRecord.getClassSchema(),
                "Event", Event.getClassSchema());
        expected.forEach((name, schema) -> {
            assertThat(at(messages, name, "payload")).containsEntry("schemaFormat", AsyncApiDocs.AVRO_FORMAT);
            assertThat((String) at(messages, name).get("description")).contains("C3 01").contains("8-byte");
            Schema parsed = new Schema.Parser().parse(JSON.writeValueAsString(at(messages, name, "payload", "schema")));
            // The fingerprint single-object encoding puts on the wire: the document shows the very schema the codec writes.
            assertThat(SchemaNormalization.parsingFingerprint64(parsed)).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
            assertThat(parsed.getFields()).extracting(Schema.Field::name).containsExactlyElementsOf(
                    schema.getFields().stream().map(Schema.Field::name).toList());
            assertThat(parsed.getDoc()).isEqualTo(schema.getDoc());
            Schema.Field typed = schema.getField("type") != null ? schema.getField("type")
                    : schema.getField("status") != null ? schema.getField("status") : schema.getField("eventType");
            assertThat(parsed.getField(typed.name()).schema().getDoc()).isEqualTo(typed.schema().getDoc());
        });
        assertThat(at(messages, "DeadLetter", "payload")).containsEntry("schemaFormat", AsyncApiDocs.ASYNCAPI_FORMAT);
        assertThat(at(messages, "DeadLetter", "payload", "schema")).containsEntry("format", "binary");
    }

    @Test
    void everyReferenceResolves() {
        Map<String, Object> doc = parse(AsyncApiDocs.render(AVRO));
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).hasSizeGreaterThanOrEqualTo(17);
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            Object node = doc;
            for (String part : ref.substring(2).split("/")) {
                assertThat(node).as(ref).isInstanceOf(Map.class);
                node = ((Map<?, ?>) node).get(part.replace("~1", "/").replace("~0", "~"));
            }
            assertThat(node).as(ref).isInstanceOf(Map.class);
        }
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k)) {
                    refs.add((String) v);
                } else {
                    collectRefs(v, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }

    @Test
    void aTopicWhoseSchemaIsMissingFailsTheBuildClearly() {
        List<Topic> topics = new ArrayList<>(AsyncApiDocs.TOPICS);
        topics.add(new Topic("audit", t -> AsyncApiDocs.DEFAULT_PREFIX + "audit", "Audit", "Not built yet.", "<OperatorId>.",
                "Audit", "Audit", Encoding.SINGLE_OBJECT, List.of(), false,
                List.of(new Operation("publishAudit", Action.SEND, Role.WORKER, "Tell auditors."))));
        assertThatThrownBy(() -> AsyncApiDocs.render(topics, AVRO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beiying.audit")
                .hasMessageContaining("Audit.avsc")
                .hasMessageContaining("is missing");
    }

    @Test
    void eventsAndBetsCarryTheirHeadersFramingAndSchemas() {
        Map<String, Object> doc = parse(AsyncApiDocs.render(AVRO));
        assertThat(at(doc, "channels", "events")).containsEntry("address", "beiying.events");
        assertThat(at(doc, "channels", "bets", "bindings", "kafka", "topicConfiguration"))
                .containsEntry("cleanup.policy", List.of("compact"));
        assertThat(at(doc, "components", "messages", "Event", "headers", "properties"))
                .containsOnlyKeys("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "content-type");
        assertThat((String) at(doc, "components", "messages", "Event").get("description")).contains("Confluent wire format");
        assertThat((String) at(doc, "components", "messages", "BetRecord").get("description")).contains("Confluent wire format");
        Schema event = new Schema.Parser().parse(JSON.writeValueAsString(at(doc, "components", "messages", "Event", "payload", "schema")));
        assertThat(SchemaNormalization.parsingFingerprint64(event)).isEqualTo(SchemaNormalization.parsingFingerprint64(Event.getClassSchema()));
        assertThat(at(doc, "operations")).containsKeys("publishEvent", "publishBetRecord");
    }

    @Test
    void mainWritesTheDocumentAndTheJarsCopy(@TempDir Path out) throws IOException {
        Path doc = out.resolve("docs/asyncapi.yaml");
        Path served = out.resolve("classes/static/asyncapi.yaml");
        AsyncApiDocs.main(new String[] {doc.toString(), served.toString(), AVRO.toString()});
        assertThat(Files.readString(doc)).isEqualTo(AsyncApiDocs.render(AVRO)).isEqualTo(Files.readString(served));
    }

    @Test
    void theDocumentedPrefixIsTheConfiguredDefault() throws IOException {
        try (InputStream in = AsyncApiDocsTest.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> config = new Yaml().load(in);
            assertThat(at(config, "gateway", "kafka")).containsEntry("topic-prefix", AsyncApiDocs.DEFAULT_PREFIX);
        }
    }
}
