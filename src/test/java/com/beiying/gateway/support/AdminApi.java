package com.beiying.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the admin API (docs/api.md) with the admin token. */
public final class AdminApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String token;

    public AdminApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A created operator's one-time credentials. */
    public record Operator(String operatorId, String apiKey, String secret) {
        public GatewayClient client(String baseUrl) {
            return new GatewayClient(baseUrl, apiKey, secret);
        }
    }

    /** An answer: status and body. */
    public record Answer(int status, JsonNode json, String body) {
        public String code() {
            return json.path("Code").asString();
        }
    }

    /** Creates an operator and expects success. */
    public Operator create(String json) {
        Answer a = send("POST", "/admin/v1/operators", json, token);
        if (!"Success".equals(a.code())) {
            throw new IllegalStateException(a.body());
        }
        return new Operator(a.json().path("OperatorId").asString(), a.json().path("ApiKey").asString(),
                a.json().path("Secret").asString());
    }

    /** A loopback operator with a launch domain and every game; extra JSON members may be appended. */
    public Operator createLoopback(String extraJson) {
        return create("{\"Name\":\"Test operator\",\"IpAllowlist\":[\"127.0.0.0/8\",\"::1/128\"],"
                + "\"LaunchDomain\":\"play.example.com\",\"Currency\":\"CNY\"" + extraJson + "}");
    }

    public Answer patch(String operatorId, String json) {
        return send("PATCH", "/admin/v1/operators/" + operatorId, json, token);
    }

    public Answer rotate(String operatorId) {
        return send("POST", "/admin/v1/operators/" + operatorId + "/keys", "", token);
    }

    public Answer send(String method, String path, String json, String withToken) {
        return send(method, path, json, withToken, "application/json");
    }

    /** With the admin token and a chosen content type. */
    public Answer sendTyped(String method, String path, String body, String contentType) {
        return send(method, path, body, token, contentType);
    }

    private Answer send(String method, String path, String json, String withToken, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (withToken != null) {
            b.header("X-Admin-Token", withToken);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode node;
            try {
                node = JSON.readTree(r.body());
            } catch (RuntimeException e) {
                node = JSON.createObjectNode();
            }
            return new Answer(r.statusCode(), node, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
