package com.beiying.gateway.messaging.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Confluent Schema Registry small enough to read, on a free loopback port, for tests that
 * must see the real HTTP exchange without a registry container. It serves
 * {@code POST /subjects/{s}/versions}, {@code GET /subjects/{s}/versions},
 * {@code GET /subjects/{s}/versions/latest}, {@code GET /schemas/ids/{id}} and
 * {@code POST /compatibility/subjects/{s}/versions/latest}. Ids are global and stable, as in the
 * real registry: the same schema gets the same id under any subject, and registering a subject's
 * existing schema again answers its id without a new version. Each subject is BACKWARD
 * compatible (the registry's default): a schema that cannot read the subject's latest is refused
 * with 409. POST bodies must come as {@code application/vnd.schemaregistry.v1+json}, or 415.
 * Every request is logged, so a test can see what its client's caches saved.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    /** IPv4 loopback by number, so the URL needs no name lookup and names the address bound. */
    private static final String LOOPBACK = "127.0.0.1";

    private final HttpServer server;
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private int nextId = 1;
    private int failNextWith;

    private InProcessSchemaRegistry(HttpServer server) {
        this.server = server;
    }

    /** A running registry; close it to free its port. */
    public static InProcessSchemaRegistry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        InProcessSchemaRegistry registry = new InProcessSchemaRegistry(server);
        server.createContext("/", registry::handle);
        server.start();
        return registry;
    }

    /** The base URL clients are given. */
    public URI url() {
        return URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort());
    }

    /** How many requests arrived, of any kind. */
    synchronized int requestCount() {
        return requests.size();
    }

    /** Every request so far as {@code METHOD /path}, oldest first. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** The versions of a subject, oldest first, with their schema ids. */
    synchronized List<Integer> idsOf(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    /** Makes the next request fail with the given status, as a registry under trouble would. */
    synchronized void failNextWith(int status) {
        failNextWith = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + rawPath);
            String[] path = Arrays.stream(rawPath.substring(1).split("/"))
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toArray(String[]::new);
            if (failNextWith != 0) {
                int status = failNextWith;
                failNextWith = 0;
                error(exchange, status, status, "injected failure");
                return;
            }
            if (method.equals("POST") && !MEDIA_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                error(exchange, 415, 415, "Content-Type must be " + MEDIA_TYPE);
                return;
            }
            route(exchange, method, path);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String method, String[] path) throws IOException {
        if (matches(path, "subjects", null, "versions") && method.equals("POST")) {
            register(exchange, path[1]);
        } else if (matches(path, "subjects", null, "versions") && method.equals("GET")) {
            List<Integer> versions = versionsBySubject.get(path[1]);
            if (versions == null) {
                error(exchange, 404, 40401, "Subject '" + path[1] + "' not found.");
                return;
            }
            List<Integer> numbers = new ArrayList<>();
            for (int v = 1; v <= versions.size(); v++) {
                numbers.add(v);
            }
            answer(exchange, numbers);
        } else if (matches(path, "subjects", null, "versions", "latest") && method.equals("GET")) {
            List<Integer> versions = versionsBySubject.get(path[1]);
            if (versions == null) {
                error(exchange, 404, 40401, "Subject '" + path[1] + "' not found.");
                return;
            }
            int id = versions.get(versions.size() - 1);
            Map<String, Object> latest = new LinkedHashMap<>();
            latest.put("subject", path[1]);
            latest.put("version", versions.size());
            latest.put("id", id);
            latest.put("schema", schemasById.get(id));
            answer(exchange, latest);
        } else if (matches(path, "schemas", "ids", null) && method.equals("GET")) {
            String schema = path[2].matches("\\d{1,9}") ? schemasById.get(Integer.parseInt(path[2])) : null;
            if (schema == null) {
                error(exchange, 404, 40403, "Schema " + path[2] + " not found");
                return;
            }
            answer(exchange, Map.of("schema", schema));
        } else if (matches(path, "compatibility", "subjects", null, "versions", "latest") && method.equals("POST")) {
            Schema candidate = schemaOf(exchange);
            if (candidate == null) {
                return;
            }
            List<Integer> versions = versionsBySubject.get(path[2]);
            if (versions == null) {
                error(exchange, 404, 40401, "Subject '" + path[2] + "' not found.");
                return;
            }
            answer(exchange, Map.of("is_compatible", incompatibility(candidate, versions) == null));
        } else {
            error(exchange, 404, 404, "HTTP 404 Not Found");
        }
    }

    private void register(HttpExchange exchange, String subject) throws IOException {
        Schema schema = schemaOf(exchange);
        if (schema == null) {
            return;
        }
        String text = schema.toString();
        List<Integer> versions = versionsBySubject.get(subject);
        Integer existing = idsBySchema.get(text);
        if (versions != null && existing != null && versions.contains(existing)) {
            answer(exchange, Map.of("id", existing));
            return;
        }
        String incompatibility = versions == null ? null : incompatibility(schema, versions);
        if (incompatibility != null) {
            error(exchange, 409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\", details: " + incompatibility);
            return;
        }
        int id = existing != null ? existing : nextId++;
        idsBySchema.put(text, id);
        schemasById.put(id, text);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        answer(exchange, Map.of("id", id));
    }

    /** Why the candidate cannot read records written with the subject's latest schema (BACKWARD), or null. */
    private String incompatibility(Schema candidate, List<Integer> versions) {
        Schema latest = new Schema.Parser().parse(schemasById.get(versions.get(versions.size() - 1)));
        var result = SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getResult();
        return result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                ? null : result.getIncompatibilities().toString();
    }

    /** The Avro schema of a request body, or null after answering 422 as the registry does. */
    private Schema schemaOf(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            JsonNode type = body.path("schemaType");
            if (!type.isMissingNode() && !"AVRO".equals(type.asString())) {
                error(exchange, 422, 42201, "Only AVRO schemas are served here, not " + type);
                return null;
            }
            return new Schema.Parser().parse(body.path("schema").asString());
        } catch (RuntimeException e) {
            // A body that is not JSON (JacksonException) or a schema Avro refuses.
            error(exchange, 422, 42201, "Invalid schema: " + e.getMessage());
            return null;
        }
    }

    private static boolean matches(String[] path, String... pattern) {
        if (path.length != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] != null && !pattern[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        send(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
