package com.beiying.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.IntegrationTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 6 of issue 2, as far as a test can go: the README's own example commands (the
 * JDK-only signing helper) register and log in a member against a running gateway. CI also runs
 * the README's run command from a fresh clone (scripts/smoke).
 */
class ReadmeExamplesTest extends IntegrationTest {

    @Test
    void readmeSigningHelperRegistersAndLogsIn() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("java scripts/Signed.java POST /v1/account/register")
                .contains("java scripts/Signed.java POST /v1/account/login")
                .contains("./mvnw spring-boot:run").contains("./mvnw verify");
        String name = Fixtures.userName();
        assertThat(run("POST", "/v1/account/register", "{\"UserName\":\"" + name + "\",\"Password\":\"abc12345\"}"))
                .contains("\"Code\":\"Success\"").contains("\"UserId\"");
        assertThat(run("POST", "/v1/account/login", "{\"UserName\":\"" + name + "\",\"Game\":\"AGLive\"}"))
                .contains("\"Code\":\"Success\"").contains("\"Url\"").contains("\"SessionId\"");
    }

    private String run(String method, String path, String body) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "scripts/Signed.java", method, path, body))
                .directory(new File(".")).redirectErrorStream(true);
        pb.environment().put("GATEWAY_URL", baseUrl());
        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
