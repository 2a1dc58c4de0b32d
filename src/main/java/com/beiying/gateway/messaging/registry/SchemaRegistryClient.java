package com.beiying.gateway.messaging.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of the Confluent Schema Registry REST API the gateway uses: register a schema under a
 * subject, fetch a schema by id, and ask whether a schema is compatible with a subject's latest.
 * Both answers a producer and a consumer need on every record are cached for good (an id never
 * changes meaning in a registry), so once a schema is registered or seen, serializing and reading
 * make no HTTP call. Thread-safe. Schema references (the registry's {@code references}) are not
 * used: every gateway schema is sent with its named types expanded.
 */
public final class SchemaRegistryClient {
    /** The registry's versioned media type, sent with every request. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The registry's {@code error_code} for "subject not found". */
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * A schema registered under a subject. The schema is keyed by its full JSON text rather than
     * Avro's Parsing Canonical Form, because that form drops defaults and docs: two versions that
     * differ only in a default are different schemas to the registry and must not share an id.
     */
    private record SubjectSchema(String subject, String schema) {
    }

    /**
     * A client of the registry at the given base URL with a 10-second deadline per request. It
     * speaks HTTP/1.1 only: the JDK client's default HTTP/2 would try an h2c upgrade on a plain
     * http:// registry, which some proxies in front of registries refuse.
     */
    public SchemaRegistryClient(URI baseUrl) {
        this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(DEFAULT_TIMEOUT).build(),
                DEFAULT_TIMEOUT);
    }

    /** A client of the registry at the given base URL, over the given HTTP client. */
    public SchemaRegistryClient(URI baseUrl, HttpClient http, Duration requestTimeout) {
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = http;
        this.timeout = requestTimeout;
    }

    /**
     * The id of the schema under the subject, registering it when this client has not seen the
     * pair before (registering an already registered schema answers its existing id).
     *
     * @throws SchemaRegistryException when the registry refuses it (409 incompatible, 422 invalid) or fails
     */
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, text);
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        String about = "subject \"" + subject + "\"";
        JsonNode answer = call(about, HttpRequest.newBuilder(uri("/subjects/" + segment(subject) + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(text), StandardCharsets.UTF_8)));
        JsonNode id = answer.get("id");
        if (id == null || !id.isInt()) {
            throw new SchemaRegistryException(about, 200, 0, "registration answered without an id: " + answer, null);
        }
        ids.putIfAbsent(key, id.intValue());
        // A reader in this process then needs no round trip for what its own producer wrote.
        schemas.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    /**
     * The schema the registry holds under the id.
     *
     * @throws SchemaRegistryException when the registry does not know the id (404, error_code 40403) or fails
     */
    public Schema schemaById(int id) {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        String about = "schema id " + id;
        JsonNode answer = call(about, HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
        JsonNode text = answer.get("schema");
        if (text == null || !text.isString()) {
            throw new SchemaRegistryException(about, 200, 0, "answer without a schema: " + answer, null);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text.stringValue());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(about, 200, 0, "not an Avro schema: " + e.getMessage(), e);
        }
        Schema raced = schemas.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    /**
     * Whether the registry would accept the schema as the subject's next version under the
     * subject's compatibility level. A subject with no version yet accepts anything. Not cached:
     * this is a design-time question, and its answer changes as versions are registered.
     *
     * @throws SchemaRegistryException when the registry fails or finds the schema invalid (422)
     */
    public boolean isCompatible(String subject, Schema schema) {
        String about = "subject \"" + subject + "\"";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/compatibility/subjects/" + segment(subject) + "/versions/latest"))
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(schema.toString()), StandardCharsets.UTF_8));
        try {
            JsonNode answer = call(about, request);
            JsonNode compatible = answer.get("is_compatible");
            if (compatible == null || !compatible.isBoolean()) {
                throw new SchemaRegistryException(about, 200, 0, "compatibility answered without is_compatible: " + answer, null);
            }
            return compatible.booleanValue();
        } catch (SchemaRegistryException e) {
            if (e.status() == 404 && e.errorCode() == SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    /** The registry's request body for a schema: the avsc as a JSON string, escaped by Jackson. */
    private static String schemaBody(String avsc) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("schema", avsc);
        body.put("schemaType", "AVRO");
        return JSON.writeValueAsString(body);
    }

    private JsonNode call(String about, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Content-Type", CONTENT_TYPE).header("Accept", ACCEPT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(about, SchemaRegistryException.NO_ANSWER, 0, base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(about, SchemaRegistryException.NO_ANSWER, 0, "interrupted while waiting for " + base, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            int errorCode = body != null && body.path("error_code").isInt() ? body.path("error_code").intValue() : 0;
            String message = body != null && body.path("message").isString() ? body.path("message").stringValue() : response.body();
            throw new SchemaRegistryException(about, response.statusCode(), errorCode, message, null);
        }
        if (body == null) {
            throw new SchemaRegistryException(about, response.statusCode(), 0, "answer is not JSON: " + response.body(), null);
        }
        return body;
    }

    /** The body as JSON, or null when it is not JSON (a proxy's error page, say). */
    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    /** A subject as one path segment; topic names only hold {@code [A-Za-z0-9._-]}, but subjects are free text. */
    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
