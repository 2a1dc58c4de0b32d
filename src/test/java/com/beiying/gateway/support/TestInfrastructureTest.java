package com.beiying.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.beiying.gateway.support.TestInfrastructure.Choice;
import com.beiying.gateway.support.TestInfrastructure.Mode;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The choice between containers and the embedded pair. Where no Docker engine answers (as on the
 * project's machines) only this choice can be checked, not the containers themselves.
 */
class TestInfrastructureTest {

    @Test
    void autoTakesContainersExactlyWhenDockerAnswers() {
        assertThat(TestInfrastructure.choose(Mode.AUTO, () -> false)).isEqualTo(Choice.EMBEDDED);
        assertThat(TestInfrastructure.choose(Mode.AUTO, () -> true)).isEqualTo(Choice.CONTAINERS);
    }

    @Test
    void embeddedNeverAsksForDocker() {
        assertThat(TestInfrastructure.choose(Mode.EMBEDDED, () -> {
            throw new AssertionError("asked for Docker");
        })).isEqualTo(Choice.EMBEDDED);
    }

    @Test
    void forcingContainersWithoutDockerFailsSayingWhatToDo() {
        assertThat(TestInfrastructure.choose(Mode.CONTAINERS, () -> true)).isEqualTo(Choice.CONTAINERS);
        assertThatThrownBy(() -> TestInfrastructure.choose(Mode.CONTAINERS, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dgateway.test.infrastructure=containers, but no Docker engine answers")
                .hasMessageContaining("-Dgateway.test.infrastructure=embedded or auto");
    }

    @Test
    void theModeIsReadFromThePropertyValue() {
        assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
        assertThat(Mode.parse(" Containers ")).isEqualTo(Mode.CONTAINERS);
        assertThat(Mode.parse("embedded")).isEqualTo(Mode.EMBEDDED);
        assertThatThrownBy(() -> Mode.parse("docker")).hasMessageContaining("expected containers, embedded or auto");
    }

    /** On a machine without Docker, Testcontainers' own look says so and auto runs the tests embedded. */
    @Test
    void withoutDockerThisRunIsEmbedded() {
        assumeFalse(TestInfrastructure.dockerAvailable(), "a Docker engine answers here");
        assumeFalse("containers".equalsIgnoreCase(System.getProperty(TestInfrastructure.PROPERTY)));

        assertThat(TestInfrastructure.current()).isEqualTo(Choice.EMBEDDED);
    }

    @Test
    void containersReplaceTheEmbeddedPairButKeepTheDemoOperatorAndKeys() {
        Map<String, Object> props = TestInfrastructure.properties("127.0.0.1:19092", "jdbc:postgresql://127.0.0.1:15432/test",
                "test", "pw");

        assertThat(props).containsEntry("gateway.embedded.enabled", false)
                .containsEntry("gateway.embedded.seed-demo-operator", true)
                .containsEntry("spring.kafka.bootstrap-servers", "127.0.0.1:19092")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:15432/test");
        assertThat(Base64.getDecoder().decode((String) props.get("gateway.security.master-key"))).hasSize(32);
        assertThat((String) props.get("gateway.security.admin-token")).hasSize(48);
    }
}
