package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.config.DemoOperator;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 2 acceptance 5 and issue 3 acceptance 7: no member password and no operator secret
 * appears in any topic record, table row or log line. The scan covers every topic on the broker
 * (Kafka-native operators' topics included) and every table.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakIntegrationTest extends IntegrationTest {

    @Test
    void plainPasswordIsInNoTopicTableOrLog(CapturedOutput output) {
        String name = Fixtures.userName();
        String password = "Leak" + Long.toString(System.nanoTime(), 36) + "7q";
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, password)).send().code()).isEqualTo("Success");
        assertThat(demo().post("/v1/account/login", Fixtures.login(name, "Pinnacle")).send().code()).isEqualTo("Success");
        // A refused password travels the same way and must not leak either.
        String refused = "RefusedNoDigit" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        assertThat(demo().post("/v1/account/register", Fixtures.register(Fixtures.userName(), refused)).send().code())
                .isEqualTo("BADPASSWORD");

        // Operator secrets: created and rotated through the admin API, then used to sign.
        var operator = admin().createLoopback("");
        assertThat(operator.client(baseUrl()).post("/v1/account/register", Fixtures.register(Fixtures.userName(), "abc12345"))
                .send().code()).isEqualTo("Success");
        String rotatedSecret = admin().rotate(operator.operatorId()).json().path("Secret").asString();
        assertThat(rotatedSecret).isNotBlank();

        // Proves the capture sees the logging system, so the log check below can fail.
        LoggerFactory.getLogger(SecretLeakIntegrationTest.class).info("leak scan of {}", name);
        assertThat(output.getAll()).contains("leak scan of " + name);
        for (String secret : List.of(password, refused, DemoOperator.SECRET, operator.secret(), rotatedSecret)) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            for (String topic : Topics.names(bootstrapServers())) {
                for (ConsumerRecord<byte[], byte[]> record : Topics.readAll(bootstrapServers(), topic)) {
                    assertThat(contains(record.value(), needle)).as("%s in %s", secret, topic).isFalse();
                    assertThat(contains(record.key(), needle)).as("%s in a key of %s", secret, topic).isFalse();
                }
            }
            String hex = HexFormat.of().formatHex(needle);
            for (String table : tables()) {
                long hits = count("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ? OR t::text LIKE ?",
                        "%" + secret + "%", "%" + hex + "%");
                assertThat(hits).as("%s in table %s", secret, table).isZero();
            }
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(queryString("SELECT password_hash FROM members WHERE user_name = ?", name)).startsWith("$argon2id$");
    }

    private List<String> tables() {
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                .mapTo(String.class).list());
        assertThat(tables).contains("members", "requests", "operator_keys", "sim_accounts");
        return tables;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
