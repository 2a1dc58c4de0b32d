package com.beiying.gateway.messaging.registry;

import static com.beiying.gateway.messaging.registry.RegistryFixtures.SUBJECT;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV1;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betV2;
import static com.beiying.gateway.messaging.registry.RegistryFixtures.betWithoutDefault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaRegistryClientTest {
    private InProcessSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        registry = InProcessSchemaRegistry.start();
        client = new SchemaRegistryClient(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** A schema whose text needs every kind of JSON escaping, in its doc and its default. */
    static Schema awkwardSchema() {
        return SchemaBuilder.record("Awkward").namespace("com.beiying.test")
                .doc("quotes \" backslash \\ newline \n tab \t 中文 </script> \u0001")
                .fields().name("note").doc("\"\\/").type().stringType().stringDefault("a \"quoted\" \\ default\n")
                .endRecord();
    }

    @Test
    void registersOnceAndKeepsIdsStableAcrossClients() throws Exception {
        int v1 = client.register(SUBJECT, betV1());
        assertThat(client.register(SUBJECT, betV1())).isEqualTo(v1);
        assertThat(registry.requests()).containsExactly("POST /subjects/" + SUBJECT + "/versions");

        // Another gateway instance registering the same schema gets the same id and adds no version.
        SchemaRegistryClient other = new SchemaRegistryClient(registry.url());
        assertThat(other.register(SUBJECT, betV1())).isEqualTo(v1);
        int v2 = other.register(SUBJECT, betV2());
        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.idsOf(SUBJECT)).containsExactly(v1, v2);
        assertThat(get("/subjects/" + SUBJECT + "/versions")).isEqualTo("[1,2]");
        assertThat(get("/subjects/" + SUBJECT + "/versions/latest")).contains("\"version\":2", "\"id\":" + v2);
        // Ids are global: the same schema under another subject has the same id.
        assertThat(client.register("other-value", betV2())).isEqualTo(v2);
    }

    @Test
    void fetchesSchemasByIdOnceAndKnowsWhatItRegistered() {
        int id = client.register(SUBJECT, betV2());
        assertThat(client.schemaById(id)).isEqualTo(betV2());
        assertThat(registry.requestCount()).isEqualTo(1);

        SchemaRegistryClient reader = new SchemaRegistryClient(registry.url());
        assertThat(reader.schemaById(id)).isEqualTo(betV2());
        assertThat(reader.schemaById(id)).isEqualTo(betV2());
        assertThat(registry.requests()).containsExactly("POST /subjects/" + SUBJECT + "/versions", "GET /schemas/ids/" + id);
    }

    @Test
    void theSchemaTextTravelsEscapedAndComesBackIntact() {
        Schema awkward = awkwardSchema();
        int id = client.register("awkward-value", awkward);
        Schema fetched = new SchemaRegistryClient(registry.url()).schemaById(id);
        assertThat(fetched).isEqualTo(awkward);
        assertThat(fetched.getDoc()).isEqualTo(awkward.getDoc());
        assertThat(fetched.getField("note").defaultVal()).isEqualTo("a \"quoted\" \\ default\n");
    }

    @Test
    void anIncompatibleSchemaIsRefusedNamingSubjectAndStatus() {
        client.register(SUBJECT, betV1());
        assertThatThrownBy(() -> client.register(SUBJECT, betWithoutDefault()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("subject \"" + SUBJECT + "\"")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("incompatible");
        assertThat(registry.idsOf(SUBJECT)).hasSize(1);
    }

    @Test
    void compatibilityIsAskedOfTheLatestVersion() {
        assertThat(client.isCompatible(SUBJECT, betWithoutDefault())).as("a subject with no version yet").isTrue();
        client.register(SUBJECT, betV1());
        assertThat(client.isCompatible(SUBJECT, betV2())).isTrue();
        assertThat(client.isCompatible(SUBJECT, betWithoutDefault())).isFalse();
        assertThat(registry.requests()).filteredOn(r -> r.startsWith("POST /compatibility/subjects/" + SUBJECT + "/versions/latest"))
                .hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {422, 500, 503})
    void registryFailuresAreThrownNotSwallowedNorCached(int status) {
        registry.failNextWith(status);
        assertThatThrownBy(() -> client.register(SUBJECT, betV1()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(status))
                .hasMessageContaining(SUBJECT)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("injected failure");
        assertThat(client.register(SUBJECT, betV1())).isPositive();
    }

    @Test
    void anUnknownIdAndAnAbsentRegistryAreErrorsToo() throws IOException {
        assertThatThrownBy(() -> client.schemaById(77))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403))
                .hasMessageContaining("schema id 77").hasMessageContaining("HTTP 404");

        URI closed;
        try (InProcessSchemaRegistry gone = InProcessSchemaRegistry.start()) {
            closed = gone.url();
        }
        SchemaRegistryClient nowhere = new SchemaRegistryClient(closed, HttpClient.newHttpClient(), Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.register(SUBJECT, betV1()))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_ANSWER))
                .hasMessageContaining(SUBJECT).hasMessageContaining("no answer");
    }

    @Test
    void aTrailingSlashInTheBaseUrlIsHarmless() {
        SchemaRegistryClient slashed = new SchemaRegistryClient(URI.create(registry.url() + "/"));
        assertThat(slashed.register(SUBJECT, betV1())).isEqualTo(client.register(SUBJECT, betV1()));
        assertThat(registry.requests()).allMatch(r -> r.startsWith("POST /subjects/"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
