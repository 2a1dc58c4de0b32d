package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A record that cannot be decoded goes to the dead-letter topic and the partition moves on. */
class DeadLetterIntegrationTest extends IntegrationTest {

    @Test
    void undecodableCommandIsDeadLetteredAndTheMembersNextCommandIsAnswered() {
        String name = Fixtures.userName();
        byte[] garbage = ("not avro " + name).getBytes(StandardCharsets.UTF_8);
        byte[] key = ("demo:" + name).getBytes(StandardCharsets.UTF_8);
        Topics.send(bootstrapServers(), "beiying.commands", key, garbage);
        // Same key, so same partition: the next command of this member is behind the bad record.
        assertThat(demo().post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Topics.readAll(bootstrapServers(), "beiying.commands.dlt").stream()
                        .anyMatch(r -> Arrays.equals(r.value(), garbage) && Arrays.equals(r.key(), key))).isTrue());
    }
}
