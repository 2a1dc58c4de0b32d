package com.beiying.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signs and sends operator requests the way docs/api.md says an operator must. */
public final class GatewayClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String apiKey;
    private final String secret;

    public GatewayClient(String baseUrl, String apiKey, String secret) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.secret = secret;
    }

    /** A response: status, parsed body, raw body and the X-Request-Id header. */
    public record Response(int status, JsonNode json, String body, String requestIdHeader) {
        public String code() {
            return json.path("Code").asString();
        }
    }

    /** One request to build; every part a test may want to spoil is settable. */
    public final class Call {
        private final String method;
        private final String path;
        private byte[] body;
        private String timestamp = Long.toString(System.currentTimeMillis());
        private String nonce = newNonce();
        private String key = apiKey;
        private String signingSecret = secret;
        private String sign;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String method, String path, byte[] body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        public Call requestId(String id) {
            headers.put("X-Request-Id", id);
            return this;
        }

        public Call language(String tag) {
            headers.put("Accept-Language", tag);
            return this;
        }

        public Call timestamp(long millis) {
            this.timestamp = Long.toString(millis);
            return this;
        }

        /** Any X-Timestamp text, or null to leave the header out (signing over an empty one). */
        public Call timestampText(String text) {
            this.timestamp = text;
            return this;
        }

        public Call nonce(String nonce) {
            this.nonce = nonce;
            return this;
        }

        public Call apiKey(String key) {
            this.key = key;
            return this;
        }

        public Call signWith(String secret) {
            this.signingSecret = secret;
            return this;
        }

        public Call sign(String sign) {
            this.sign = sign;
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The exact request, ready to send again unchanged (a replay). */
        public HttpRequest build() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            if (timestamp != null) {
                b.header("X-Timestamp", timestamp);
            }
            if (nonce != null) {
                b.header("X-Nonce", nonce);
            }
            b.header("X-Sign", sign != null ? sign : signature(signingSecret, String.valueOf(timestamp), String.valueOf(nonce), method,
                    path, body));
            headers.putIfAbsent("Content-Type", "application/json");
            headers.forEach(b::header);
            b.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return b.build();
        }

        public Response send() {
            return GatewayClient.send(build());
        }

        /**
         * Sends, and while the gateway's admission control answers GATEWAY_BUSY (it stored nothing)
         * sends again a little later, newly signed, as a client of a busy gateway does; for tests
         * that need the request to run, not to test admission.
         */
        public CompletableFuture<Response> sendAsyncAdmitted() {
            return sendAsync().thenCompose(r -> {
                if (!"GATEWAY_BUSY".equals(r.json().path("ErrorCode").asString())) {
                    return CompletableFuture.completedFuture(r);
                }
                resign();
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> sendAsyncAdmitted());
            });
        }

        /**
         * As {@link #sendAsyncAdmitted()}, and a request answered REPLY_TIMEOUT (still running, e.g.
         * hashing on a JVM whose JIT has not compiled Argon2 yet) is sent again under the same
         * X-Request-Id, which the gateway answers with its stored outcome once there is one; for
         * setup steps that need the outcome, not a bound on how long it takes.
         */
        public CompletableFuture<Response> sendAsyncAnswered() {
            headers.putIfAbsent("X-Request-Id", Fixtures.requestId());
            return sendAsyncAnswered(6);
        }

        private CompletableFuture<Response> sendAsyncAnswered(int timeoutsLeft) {
            return sendAsyncAdmitted().thenCompose(r -> {
                if (timeoutsLeft == 0 || !"REPLY_TIMEOUT".equals(r.json().path("ErrorCode").asString())) {
                    return CompletableFuture.completedFuture(r);
                }
                resign();
                return sendAsyncAnswered(timeoutsLeft - 1);
            });
        }

        /** A fresh nonce and timestamp, so that the same request can be sent again. */
        private void resign() {
            nonce = newNonce();
            timestamp = Long.toString(System.currentTimeMillis());
        }

        public CompletableFuture<Response> sendAsync() {
            return HTTP.sendAsync(build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(GatewayClient::toResponse);
        }
    }

    public Call post(String path, String json) {
        return new Call("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    public Call post(String path, byte[] body) {
        return new Call("POST", path, body);
    }

    public Call get(String path) {
        return new Call("GET", path, new byte[0]);
    }

    /** Sends a prepared request (for replays). */
    public static Response send(HttpRequest request) {
        try {
            return toResponse(HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw HTTP response as a {@link Response}; bodies that are not JSON parse as an empty object. */
    public static Response toResponse(HttpResponse<String> r) {
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (RuntimeException e) {
            json = JSON.createObjectNode();
        }
        return new Response(r.statusCode(), json, r.body(), r.headers().firstValue("X-Request-Id").orElse(null));
    }

    public static String signature(String secret, String timestamp, String nonce, String method, String path, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "\n" + nonce + "\n" + method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newNonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
