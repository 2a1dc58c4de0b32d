package com.beiying.gateway.ingress;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.ingress.ApiRoute.ApiError;
import com.beiying.gateway.ingress.ApiRoute.Guard;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of {@code /v1} and {@code /admin/v1} (springdoc serves it at
 * {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). Bodies are raw bytes to the
 * controllers, so the document is built from the route tables ({@link ApiRoutes} beans) rather
 * than from their signatures: every route's request fields, answer fields, catalogued errors (each
 * with the exact answer the gateway gives, rendered by {@link ResponseWriter}) and a real success
 * answer. Whatever springdoc found by scanning is replaced, so the document says only what the
 * tables say and a test can hold the tables to the controllers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.INGRESS)
class ApiDocs {
    /** Extension listing a route's catalogued errors (entry name, codes, status, field). */
    static final String ERRORS_EXTENSION = "x-beiying-errors";
    private static final String SIGNED = "Signed";
    private static final String API_KEY = "ApiKey";
    private static final String ADMIN_TOKEN = "AdminToken";
    private static final String EXAMPLE_REQUEST_ID = "4rL7xK64cY7OCQvJUX77CQ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    V1Routes v1Routes() {
        return new V1Routes();
    }

    @Bean
    OpenApiCustomizer beiyingOpenApi(List<ApiRoutes> tables, ResponseWriter writer) {
        return openApi -> build(openApi, tables, writer);
    }

    static void build(OpenAPI openApi, List<ApiRoutes> tables, ResponseWriter writer) {
        openApi.info(new Info().title("Beiying Gateway").version("v1").description("""
                The operator API (`/v1`) and the admin API (`/admin/v1`). docs/api.md is the prose; docs/errors.md \
                the whole error catalog. Every answer is a JSON object: a success is `{"Code":"Success","Message":...,\
                "RequestId":...}` with the route's fields beside them; an error carries `Code`, `Message`, `ErrorId` \
                and `ErrorCode` (operators with ErrorFormat RGS get the RGS shapes instead). Each route lists its \
                catalogued errors under `x-beiying-errors` and as examples of their HTTP status. `Accept-Language` \
                (`zh-CN` default, `en`) chooses the language of `Message`."""));
        Components components = new Components();
        components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("ApiKey").description("`Authorization: Bearer <ApiKey>`: the operator's ApiKey."));
        components.addSecuritySchemes(SIGNED, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Sign").description("""
                        Lowercase hex HMAC-SHA256, key = the operator's Secret (UTF-8), over \
                        `X-Timestamp + "\\n" + X-Nonce + "\\n" + METHOD + "\\n" + PATH + "\\n" + BODY`: PATH without the \
                        query string, BODY the exact bytes sent (empty for GET). With it: `X-Timestamp` (Unix epoch \
                        milliseconds within 60 s of the server's clock) and `X-Nonce` (8-64 characters of \
                        [A-Za-z0-9_-], never reused within 10 minutes). `scripts/Signed.java` signs and sends a \
                        request; Swagger UI cannot compute the signature itself."""));
        components.addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Admin-Token")
                .description("The admin token (`GATEWAY_ADMIN_TOKEN`; embedded mode: `data/admin-token`)."));
        Paths paths = new Paths();
        for (ApiRoutes table : tables) {
            for (ApiRoute route : table.routes()) {
                PathItem item = paths.computeIfAbsent(route.path(), p -> new PathItem());
                item.operation(PathItem.HttpMethod.valueOf(route.method().name()), operation(route, writer));
            }
        }
        openApi.setComponents(components);
        openApi.setPaths(paths);
        openApi.setTags(null);
    }

    private static Operation operation(ApiRoute route, ResponseWriter writer) {
        Operation op = new Operation().operationId(route.operationId()).summary(route.summary())
                .addTagsItem(route.guard() == Guard.ADMIN ? "admin" : "operator");
        op.addSecurityItem(route.guard() == Guard.ADMIN ? new SecurityRequirement().addList(ADMIN_TOKEN)
                : new SecurityRequirement().addList(API_KEY).addList(SIGNED));
        for (ApiRoute.Param p : route.params()) {
            op.addParametersItem(new Parameter().name(p.name()).in(p.in().name().toLowerCase(Locale.ROOT))
                    .required(p.required()).description(p.meaning()).example(p.example()).schema(new StringSchema()));
        }
        for (ApiField h : ApiGuards.headers(route.guard())) {
            op.addParametersItem(new Parameter().name(h.name()).in("header").required(h.required())
                    .description(h.meaning()).schema(new StringSchema()).example(parse(h.example())));
        }
        if (!route.body().isEmpty()) {
            ObjectSchema body = new ObjectSchema();
            for (ApiField f : route.body()) {
                body.addProperty(f.name(), schema(f));
                if (f.required()) {
                    body.addRequiredItem(f.name());
                }
            }
            Map<String, Object> example = new LinkedHashMap<>();
            route.body().forEach(f -> example.put(f.name(), parse(f.example())));
            op.requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                    new MediaType().schema(body).example(example))));
        }
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse("200", new ApiResponse().description("Success").content(new Content()
                .addMediaType("application/json", new MediaType().schema(answerSchema(route)).example(parse(route.example())))));
        Map<Integer, List<ApiError>> byStatus = new TreeMap<>();
        for (ApiError e : route.allErrors()) {
            byStatus.computeIfAbsent(e.error().httpStatus(), s -> new ArrayList<>()).add(e);
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        byStatus.forEach((status, errors) -> {
            MediaType media = new MediaType().schema(errorSchema());
            StringBuilder description = new StringBuilder();
            for (ApiError e : errors) {
                media.addExamples(e.key(), new Example().summary(summary(e)).value(answer(e, route, writer)));
                description.append(description.isEmpty() ? "" : "; ").append(summary(e));
                listed.add(listing(e));
            }
            responses.addApiResponse(Integer.toString(status), new ApiResponse().description(description.toString())
                    .content(new Content().addMediaType("application/json", media)));
        });
        op.responses(responses);
        op.addExtension(ERRORS_EXTENSION, listed);
        return op;
    }

    private static String summary(ApiError e) {
        String id = e.error().rgsId().map(Object::toString).orElse("-");
        return e.error().code(field(e)) + " " + id + (e.field() == null ? "" : " (" + e.field().name() + ")") + ": "
                + e.error().message(Language.EN, field(e), args(e));
    }

    private static Map<String, Object> listing(ApiError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Error", e.error().name());
        m.put("Code", e.error().code(field(e)));
        m.put("ErrorId", e.error().rgsId().orElse(null));
        m.put("ErrorCode", e.error().rgsCode(field(e)).orElse(null));
        m.put("HttpStatus", e.error().httpStatus());
        if (e.field() != null) {
            m.put("Field", e.field().name());
        }
        return m;
    }

    /** The exact answer the gateway gives for this error, rendered by the writer every answer goes through. */
    private static Object answer(ApiError e, ApiRoute route, ResponseWriter writer) {
        GatewayException exception = new GatewayException(e.error(), field(e), args(e));
        byte[] body = writer.error(exception, Language.ZH_CN, ErrorFormat.BEIYING,
                route.guard() == Guard.ADMIN ? null : EXAMPLE_REQUEST_ID).getBody();
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    private static RequestField field(ApiError e) {
        return e.field() == null ? null : e.field().field();
    }

    private static Map<String, Object> args(ApiError e) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (e.field() != null) {
            if (e.field().min() != null) {
                args.put("min", e.field().min());
            }
            if (e.field().max() != null) {
                args.put("max", e.field().max());
            }
        }
        return args;
    }

    private static Schema<?> schema(ApiField f) {
        Schema<?> s = switch (f.type()) {
            case STRING, HEADER -> new StringSchema();
            case DECIMAL -> new Schema<>().oneOf(List.of(new Schema<>().type("number"), new StringSchema().pattern("^\\d+(\\.\\d{1,2})?$")));
            case INTEGER -> new Schema<>().type("integer");
            case BOOLEAN -> new Schema<>().type("boolean");
            case STRINGS -> new ArraySchema().items(new StringSchema());
        };
        List<String> errors = f.errors().stream().map(e -> e.code(f.field()) + " " + e.rgsId().map(Object::toString).orElse("")
                + " " + e.name()).toList();
        return s.description(f.meaning() + ". Refused with: " + String.join(", ", errors) + ".").example(parse(f.example()));
    }

    private static Schema<?> answerSchema(ApiRoute route) {
        ObjectSchema s = new ObjectSchema();
        s.addProperty("Code", new StringSchema().example("Success"));
        s.addProperty("Message", new StringSchema().description("in the request's language"));
        if (route.guard() != Guard.ADMIN) {
            s.addProperty("RequestId", new StringSchema().description("also in the X-Request-Id response header"));
        }
        for (ApiRoute.Answer a : route.answer()) {
            Schema<?> field = switch (a.type()) {
                case "array" -> new ArraySchema().items(new ObjectSchema());
                case "object" -> new ObjectSchema();
                default -> new Schema<>().type(a.type());
            };
            s.addProperty(a.name(), field.description(a.meaning()));
        }
        s.required(List.of("Code", "Message"));
        return s;
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("A catalogued error (Beiying format; docs/errors.md)")
                .addProperty("Code", new StringSchema().description("one of the 30 Beiying codes"))
                .addProperty("Message", new StringSchema().description("in the request's language"))
                .addProperty("ErrorId", new Schema<>().type("integer").description("RGS error id"))
                .addProperty("ErrorCode", new StringSchema().description("RGS error code"))
                .addProperty("RequestId", new StringSchema().description("when the request got that far"));
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an example of the route table is not JSON: " + json, e);
        }
    }
}
