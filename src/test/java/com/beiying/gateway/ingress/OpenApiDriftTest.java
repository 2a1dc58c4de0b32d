package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document cannot drift from the code: its routes are exactly the {@code /v1} and
 * {@code /admin/v1} request mappings (a route added without its entry in the route table fails
 * here, named), and each route lists at least the errors it really answers to the two faults any
 * caller can make: no credentials, and a body without its fields.
 */
class OpenApiDriftTest extends IntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Path patterns whose last segment is an action of the controller's own table. */
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "/v1/account/{action}", V1Controller.ACTIONS.keySet(),
            "/v1/bet/{action}", V1Controller.BET_ACTIONS.keySet());

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentListsExactlyTheRoutesTheControllersServe() {
        RouteDrift drift = RouteDrift.between(servedRoutes(), documentedRoutes());

        assertThat(drift.problems()).as("OpenAPI document against the controllers' mappings").isEmpty();
        assertThat(servedRoutes()).contains("POST /v1/account/transfer", "PATCH /admin/v1/operators/{operatorId}");
    }

    @Test
    void everyRouteListsTheErrorsItAnswersAndItsExampleHasTheAnswersFields() throws Exception {
        JsonNode paths = apiDocs().path("paths");
        List<String> missing = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                JsonNode op = paths.path(path).path(method);
                Set<String> listed = new HashSet<>();
                op.path(ApiDocs.ERRORS_EXTENSION).forEach(e -> listed.add(key(e.path("Code").asString(),
                        e.path("ErrorId").asInt(), e.path("ErrorCode").asString())));
                String concrete = concrete(path, op);
                boolean hasBody = op.has("requestBody");
                String route = method.toUpperCase() + " " + path;
                for (boolean credentials : new boolean[] {false, true}) {
                    JsonNode answer = call(method.toUpperCase(), concrete, hasBody ? "{}" : null, credentials, path);
                    if (answer.path("Code").asString().equals("Success")) {
                        JsonNode example = op.path("responses").path("200").path("content").path("application/json")
                                .path("example");
                        assertThat(new TreeSet<>(answer.propertyNames())).as("fields of %s's answer against its example", route)
                                .isEqualTo(new TreeSet<>(example.propertyNames()));
                        continue;
                    }
                    String got = key(answer.path("Code").asString(), answer.path("ErrorId").asInt(),
                            answer.path("ErrorCode").asString());
                    if (!listed.contains(got)) {
                        missing.add(route + " answers " + got + " but does not list it");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void documentsBothGuardsAndServesSwaggerUi() throws Exception {
        JsonNode schemes = apiDocs().path("components").path("securitySchemes");
        assertThat(schemes.path("ApiKey").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("Signed").path("name").asString()).isEqualTo("X-Sign");
        assertThat(schemes.path("Signed").path("description").asString()).contains("HMAC-SHA256", "X-Timestamp", "X-Nonce");
        assertThat(schemes.path("AdminToken").path("name").asString()).isEqualTo("X-Admin-Token");
        JsonNode register = apiDocs().path("paths").path("/v1/account/register").path("post");
        assertThat(register.path("responses").path("400").path("content").path("application/json").path("examples")
                .path("FIELD_REQUIRED:UserName").path("value").path("ErrorCode").asString()).isEqualTo("INVALID_USER_NAME");
        assertThat(register.path("responses").path("409").path("content").path("application/json").path("examples")
                .path("USER_EXISTS").path("value").path("Code").asString()).isEqualTo("EXISTSUSER");

        HttpResponse<String> ui = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    private Set<String> servedRoutes() {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : m.getKey().getPatternValues()) {
                if (!pattern.startsWith("/v1/") && !pattern.startsWith("/admin/v1/")) {
                    continue;
                }
                for (RequestMethod method : m.getKey().getMethodsCondition().getMethods()) {
                    for (String path : expand(pattern)) {
                        out.add(method.name() + " " + path);
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> expand(String pattern) {
        Set<String> actions = ACTIONS.get(pattern);
        if (actions == null) {
            return Set.of(pattern);
        }
        Set<String> out = new TreeSet<>();
        actions.forEach(a -> out.add(pattern.replace("{action}", a)));
        return out;
    }

    private Set<String> documentedRoutes() {
        Set<String> out = new TreeSet<>();
        JsonNode paths = apiDocs().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                out.add(method.toUpperCase() + " " + path);
            }
        }
        return out;
    }

    private JsonNode apiDocs() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path with its variables replaced by their documented examples. */
    private static String concrete(String path, JsonNode op) {
        String out = path;
        for (JsonNode p : op.path("parameters")) {
            if (p.path("in").asString().equals("path")) {
                out = out.replace("{" + p.path("name").asString() + "}", p.path("example").asString());
            }
        }
        return out;
    }

    private JsonNode call(String method, String path, String body, boolean credentials, String documented) throws Exception {
        if (documented.startsWith("/admin/")) {
            String token = credentials ? environment.getRequiredProperty("gateway.security.admin-token") : "not-the-token";
            AdminApi.Answer a = admin().send(method, path, body == null ? "" : body, token);
            return a.json();
        }
        GatewayClient client = demo();
        GatewayClient.Call call = method.equals("GET") ? client.get(path) : client.post(path, body);
        if (!credentials) {
            call.apiKey("nobody-has-this-key");
        }
        return call.send().json();
    }

    private static String key(String code, int errorId, String errorCode) {
        return code + "/" + errorId + "/" + errorCode;
    }
}
