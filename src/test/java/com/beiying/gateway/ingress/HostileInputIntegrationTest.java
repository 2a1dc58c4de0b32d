package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3, acceptance 6: 10,000 generated hostile requests across the /v1 and /admin/v1
 * endpoints (malformed JSON, wrong types, huge numbers, deep nesting, invalid UTF-8, control
 * characters, SQL and script fragments, oversized headers and bodies, duplicate keys, broken
 * signatures). None gets a 5xx, an uncatalogued code, a stack trace or HTML, and no row of the
 * operators it talks as changes. The seed is printed; {@code -Dhostile.seed=<seed>} replays a run.
 */
class HostileInputIntegrationTest extends IntegrationTest {
    private static final int REQUESTS = 10_000;
    /** The rows the fuzzed requests could touch: the demo operator's own, and any operator created. */
    private static final Map<String, String> SCOPED = Map.of(
            "operators", "SELECT t::text FROM operators t WHERE operator_id IN ('demo', ?)",
            "operator_keys", "SELECT t::text FROM operator_keys t WHERE operator_id IN ('demo', ?)",
            "operator_games", "SELECT t::text FROM operator_games t WHERE operator_id IN ('demo', ?)",
            "members", "SELECT t::text FROM members t WHERE operator_id IN ('demo', ?)",
            "provider_accounts", "SELECT t::text FROM provider_accounts t JOIN members m USING (member_id)"
                    + " WHERE m.operator_id IN ('demo', ?)",
            "launch_sessions", "SELECT t::text FROM launch_sessions t JOIN members m USING (member_id)"
                    + " WHERE m.operator_id IN ('demo', ?)");
    private static final String[] HOSTILE = {
        "' OR 1=1 --", "robert'); DROP TABLE members;--", "<script>alert(1)</script>", "\" onmouseover=\"x", "../../etc/passwd",
        "${jndi:ldap://x/a}", "%00", "\\u0000", "\u0000\u0001\u001f", "\t\n\r", "😀😀", "ﬀ", "\u202e", "null", "NaN",
        "-1", "1e999999", "0x7fffffff", "abc\u0000def", "SELECT pg_sleep(10)", "; rm -rf /", "{{7*7}}", "a b", "A$B", "",
        "   ", "ab", "1abcd", "_abcd", "abcd-ef"};
    private static final HttpClient RAW = HttpClient.newHttpClient();
    private AdminApi.Operator rgs;

    @Test
    void tenThousandHostileRequestsGetCataloguedAnswersAndChangeNothing() {
        long seed = Long.getLong("hostile.seed", new SecureRandom().nextLong());
        System.out.println("hostile input seed " + seed + " (replay with -Dhostile.seed=" + seed + ")");
        Random random = new Random(seed);
        // Half the signed requests speak as an operator of the RGS dialect, whose every error must carry an integer id.
        rgs = admin().createLoopback(",\"ErrorFormat\":\"RGS\"");
        Instant start = Instant.now();
        Map<String, Long> before = snapshot();

        Semaphore inFlight = new Semaphore(48);
        List<CompletableFuture<String>> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.acquireUninterruptibly();
            Supplier<HttpRequest> request = pick(random);
            String label = "request " + i + " (seed " + seed + ")";
            CompletableFuture<Response> sent;
            try {
                HttpRequest built = request.get();
                // A pooled connection the server closed after refusing an oversized header is not an
                // answer; such a transport failure is retried on a fresh connection (twice at most).
                sent = send(RAW, built).exceptionallyCompose(e -> send(HttpClient.newHttpClient(), built))
                        .exceptionallyCompose(e -> send(HttpClient.newHttpClient(), built));
            } catch (IllegalArgumentException clientRefusedToSend) {
                inFlight.release();
                continue;
            }
            failures.add(sent.handle((r, e) -> {
                inFlight.release();
                if (e != null) {
                    return label + ": no answer: " + e;
                }
                return problem(r).map(p -> label + ": " + p + ": " + abbreviate(r.body())).orElse(null);
            }));
        }
        List<String> problems = failures.stream().map(CompletableFuture::join).filter(p -> p != null).toList();
        assertThat(problems).as("hostile requests answered badly").isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM operators WHERE created_at >= ?", start)).as("operators created").isZero();
    }

    /**
     * What is wrong with an answer: a 5xx, a stack trace or HTML, a Beiying {@code Code} outside
     * the seed's 30 and Success, or an RGS answer without an integer id and a code.
     */
    private static Optional<String> problem(Response r) {
        if (r.status() >= 500) {
            return Optional.of("HTTP " + r.status());
        }
        String body = r.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.toLowerCase().contains("<html")) {
            return Optional.of("stack trace or HTML");
        }
        JsonNode json = r.json();
        if (json.has("Code")) {
            String code = json.path("Code").asString();
            boolean ok = Errors.SEED_CODES.contains(code) && (code.equals("Success") || json.path("ErrorId").isInt());
            return ok ? Optional.empty() : Optional.of("code " + code + " outside the seed's, or no ErrorId");
        }
        JsonNode rgs = json.has("error_detail") ? json.path("error_detail") : json;
        String idField = json.has("error_detail") ? "id" : "error_id";
        String codeField = json.has("error_detail") ? "code" : "error_code";
        if (json.path("error").asInt() != 1 || !rgs.path(idField).isInt() || Errors.byRgsId(rgs.path(idField).asInt()).isEmpty()
                || rgs.path(codeField).asString("").isBlank()) {
            return Optional.of("RGS answer without a catalogued integer id and a code");
        }
        return Optional.empty();
    }

    private Supplier<HttpRequest> pick(Random random) {
        GatewayClient demo = random.nextBoolean() ? demo() : rgs.client(baseUrl());
        int kind = random.nextInt(15);
        return switch (kind) {
            case 0, 1, 2 -> () -> signed(demo.post("/v1/account/register", body(random, "register")), random);
            case 3, 4 -> () -> signed(demo.post("/v1/account/login", body(random, "login")), random);
            case 5 -> () -> signed(demo.post("/v1/account/" + pathPart(random), body(random, "register")), random);
            case 6 -> () -> signed(demo.get("/v1/requests/" + pathPart(random)), random);
            case 7 -> () -> signed(demo.get("/v1/games").header("X-Request-Id", hostile(random).replaceAll("[^ -~]", "x")), random);
            case 8 -> () -> signed(demo.post("/v1/account/register", bytes(random)), random);
            case 14 -> () -> signed(demo.get("/v1/games").language(String.join(",", Collections.nCopies(50, "en"))), random);
            case 9 -> () -> admin("POST", "/admin/v1/operators", body(random, "admin"), random);
            case 10 -> () -> admin("PATCH", "/admin/v1/operators/demo", body(random, "patch"), random);
            case 11 -> () -> admin("POST", "/admin/v1/operators/" + pathPart(random) + "/keys", "", random);
            case 12 -> () -> signed(demo.post("/v1/account/register", body(random, "register"))
                    .header("X-Padding", "p".repeat(20_000)), random);
            default -> () -> raw("POST", "/" + pathPart(random) + "/" + pathPart(random), body(random, "register"));
        };
    }

    /** Mostly well-signed (so the body reaches validation), sometimes with a broken signature or headers. */
    private HttpRequest signed(GatewayClient.Call call, Random random) {
        switch (random.nextInt(10)) {
            case 0 -> call.sign(hostile(random).replaceAll("[^ -~]", "x"));
            case 1 -> call.nonce(hostile(random).replaceAll("[^ -~]", "x"));
            case 2 -> call.timestamp(random.nextLong());
            case 3 -> call.apiKey(hostile(random).replaceAll("[^ -~]", "x"));
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            call.language(hostile(random).replaceAll("[^ -~]", "x"));
        }
        return call.build();
    }

    private HttpRequest admin(String method, String path, String body, Random random) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain");
        if (random.nextInt(8) != 0) {
            b.header("X-Admin-Token", environment.getRequiredProperty("gateway.security.admin-token"));
        }
        return b.build();
    }

    private HttpRequest raw(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static CompletableFuture<Response> send(HttpClient client, HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(GatewayClient::toResponse);
    }

    /**
     * A hostile JSON body. Member names are never valid and admin bodies always carry at least
     * one invalid field, so no request may legitimately change a row.
     */
    private static String body(Random random, String shape) {
        Map<String, String> fields = new LinkedHashMap<>();
        switch (shape) {
            case "register", "login" -> {
                fields.put("UserName", badName(random));
                fields.put(shape.equals("login") ? "Game" : "Password", value(random));
                if (random.nextBoolean()) {
                    fields.put(pick(random, "Platform", "Language", "GameId", "Money", hostile(random)), value(random));
                }
            }
            case "admin" -> {
                fields.put("Name", value(random));
                fields.put("IpAllowlist", random.nextBoolean() ? value(random) : "[" + value(random) + "]");
                fields.put("Currency", quote(pick(random, "cny", "C", "CNYY", hostile(random))));
                fields.put(pick(random, "Games", "RateLimit", "ErrorFormat", "KafkaNative"), value(random));
            }
            default -> {
                fields.put("Status", quote(pick(random, "PAUSED", "active ", "", hostile(random))));
                fields.put(pick(random, "LaunchDomain", "IpAllowlist", "Games", "RateLimit"), value(random));
            }
        }
        return switch (random.nextInt(12)) {
            case 0 -> "[" + "[".repeat(random.nextInt(2000)) + "1";
            case 1 -> "{\"UserName\":" + "[".repeat(200) + "]".repeat(200) + "}";
            case 2 -> object(fields).substring(0, Math.max(1, random.nextInt(object(fields).length())));
            case 3 -> object(fields).replaceFirst("\\{", "{\"UserName\":\"dup1\",\"UserName\":\"dup2\",");
            case 4 -> object(fields) + "x".repeat(20_000);
            case 5 -> hostile(random);
            case 6 -> "{\"UserName\":" + "9".repeat(5_000) + "}";
            default -> object(fields);
        };
    }

    private static String badName(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "[\"" + Fixtures.userName() + "\"]";
            case 2 -> "{\"$ne\":null}";
            case 3 -> "true";
            case 4 -> "null";
            default -> {
                String s = hostile(random);
                yield quote(s.matches("[A-Za-z][A-Za-z0-9]{3,15}") ? s + "'" : s);
            }
        };
    }

    private static String value(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "1" + "0".repeat(random.nextInt(400)) + ".000000001";
            case 2 -> "-1e" + random.nextInt(100_000);
            case 3 -> "[" + quote(hostile(random)) + "]";
            case 4 -> "{\"a\":{\"b\":" + quote(hostile(random)) + "}}";
            case 5 -> random.nextBoolean() ? "true" : "null";
            default -> quote(hostile(random));
        };
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(300) + 1];
        random.nextBytes(b);
        if (random.nextBoolean()) {
            byte[] prefix = "{\"UserName\":\"".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(prefix, 0, b, 0, Math.min(prefix.length, b.length));
        }
        return b;
    }

    private static String hostile(Random random) {
        String base = HOSTILE[random.nextInt(HOSTILE.length)];
        return random.nextInt(10) == 0 ? base.repeat(random.nextInt(200) + 1) : base;
    }

    private static String pathPart(Random random) {
        return URLEncoder.encode(hostile(random), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        SCOPED.forEach((table, rows) -> {
            counts.put(table, count("SELECT count(*) FROM (" + rows + ") r", rgs.operatorId()));
            counts.put(table + " digest", count("SELECT coalesce(sum(hashtext(r.t)::bigint), 0) FROM (" + rows + ") r",
                    rgs.operatorId()));
        });
        return counts;
    }

}
