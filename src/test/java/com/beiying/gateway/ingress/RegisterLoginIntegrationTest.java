package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Acceptance 1 of issue 2: the whole path, and what it leaves on the topics. */
class RegisterLoginIntegrationTest extends IntegrationTest {

    @Test
    void registerThenLoginSucceedAndLeaveAvroRecordsAPlainReaderDecodes() throws Exception {
        String name = Fixtures.userName();
        Response register = demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password())).send();
        assertThat(register.status()).isEqualTo(200);
        assertThat(register.code()).isEqualTo("Success");
        assertThat(register.json().path("UserName").asString()).isEqualTo(name);
        assertThat(register.json().path("UserId").isNumber()).isTrue();

        Response login = demo().post("/v1/account/login", Fixtures.login(name, "AGLive")).send();
        assertThat(login.code()).isEqualTo("Success");
        String sessionId = login.json().path("SessionId").asString();
        assertThat(sessionId).matches("[0-9a-f]{32}");
        assertThat(login.json().path("Url").asString())
                .isEqualTo("https://play.demo-operator.test/play/" + sessionId);

        Schema.Parser parser = new Schema.Parser();
        parser.parse(new File("avro/CommandType.avsc"));
        parser.parse(new File("avro/FieldValue.avsc"));
        Schema commandSchema = parser.parse(new File("avro/Command.avsc"));
        Schema replySchema = parser.parse(new File("avro/Reply.avsc"));
        BinaryMessageDecoder<GenericRecord> commands = new BinaryMessageDecoder<>(GenericData.get(), commandSchema);
        BinaryMessageDecoder<GenericRecord> replies = new BinaryMessageDecoder<>(GenericData.get(), replySchema);

        String registerId = Correlation.id("demo", register.json().path("RequestId").asString());
        String loginId = Correlation.id("demo", login.json().path("RequestId").asString());

        GenericRecord registerCommand = decodeOne(commands, Topics.readAll(bootstrapServers(), "beiying.commands"), registerId);
        assertThat(registerCommand.get("type").toString()).isEqualTo("REGISTER");
        assertThat(registerCommand.get("operatorId").toString()).isEqualTo("demo");
        @SuppressWarnings("unchecked")
        Map<Object, GenericRecord> fields = (Map<Object, GenericRecord>) registerCommand.get("fields");
        GenericRecord userName = fields.entrySet().stream().filter(e -> e.getKey().toString().equals("UserName"))
                .findFirst().orElseThrow().getValue();
        assertThat(userName.get("text").toString()).isEqualTo(name);
        GenericRecord password = fields.entrySet().stream().filter(e -> e.getKey().toString().equals("Password"))
                .findFirst().orElseThrow().getValue();
        assertThat(password.get("text")).isNull();
        assertThat(((ByteBuffer) password.get("sealed")).remaining()).isGreaterThan(16);

        List<ConsumerRecord<byte[], byte[]>> replyRecords = Topics.readAll(bootstrapServers(), "beiying.replies");
        GenericRecord registerReply = decodeOne(replies, replyRecords, registerId);
        assertThat(registerReply.get("status").toString()).isEqualTo("SUCCESS");
        assertThat(registerReply.get("code").toString()).isEqualTo("Success");
        GenericRecord loginReply = decodeOne(replies, replyRecords, loginId);
        assertThat(loginReply.get("type").toString()).isEqualTo("LOGIN");
        @SuppressWarnings("unchecked")
        Map<Object, GenericRecord> result = (Map<Object, GenericRecord>) loginReply.get("result");
        assertThat(result.keySet().stream().map(Object::toString)).contains("Url", "SessionId");

        // The records are keyed by operator and member, so one member's commands stay in order.
        ConsumerRecord<byte[], byte[]> record = Topics.readAll(bootstrapServers(), "beiying.commands").stream()
                .filter(r -> registerId.equals(Topics.header(r, Correlation.HEADER))).findFirst().orElseThrow();
        assertThat(new String(record.key())).isEqualTo("demo:" + name);
        assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(record.value()[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void requestStateIsDoneWithTheStoredReplyAndUnknownIdsAreNotFound() {
        String name = Fixtures.userName();
        String requestId = Fixtures.requestId();
        Response register = demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password()))
                .requestId(requestId).send();
        assertThat(register.code()).isEqualTo("Success");

        Response state = demo().get("/v1/requests/" + requestId).send();
        assertThat(state.code()).isEqualTo("Success");
        assertThat(state.json().path("Status").asString()).isEqualTo("Done");
        assertThat(state.json().path("Reply").path("UserId").asLong()).isEqualTo(register.json().path("UserId").asLong());

        Response unknown = demo().get("/v1/requests/" + Fixtures.requestId()).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("CONTENT");
        assertThat(unknown.json().path("ErrorCode").asString()).isEqualTo("REQUEST_NOT_FOUND");
    }

    @Test
    void launchUrlLeadsToTheProviderThroughTheGateway() throws Exception {
        String name = Fixtures.userName();
        demo().post("/v1/account/register", Fixtures.register(name, Fixtures.password())).send();
        Response login = demo().post("/v1/account/login",
                "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"Platform\":\"H5\",\"Language\":\"en\"}").send();
        assertThat(login.code()).isEqualTo("Success");

        var http = HttpClient.newHttpClient();
        var redirect = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/play/" + login.json().path("SessionId").asString())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith("https://ky.simulator.invalid/play?token=");
        // KY takes no platform; the member's language travels in KY's own words on the launch URL.
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).contains("lang=en_us");
        assertThat(count("SELECT count(*) FROM sim_launches l JOIN launch_sessions s ON s.provider_url LIKE '%' || l.token || '%'"
                + " WHERE s.session_id = ?", login.json().path("SessionId").asString())).isEqualTo(1);
    }

    private static GenericRecord decodeOne(BinaryMessageDecoder<GenericRecord> decoder,
                                           List<ConsumerRecord<byte[], byte[]>> records, String correlationId) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> matching = records.stream()
                .filter(r -> correlationId.equals(Topics.header(r, Correlation.HEADER))).toList();
        assertThat(matching).as("records for %s", correlationId).hasSize(1);
        GenericRecord decoded = decoder.decode(matching.get(0).value());
        assertThat(Correlation.id(decoded.get("operatorId").toString(), decoded.get("requestId").toString())).isEqualTo(correlationId);
        return decoded;
    }
}
