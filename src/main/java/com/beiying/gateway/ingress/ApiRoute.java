package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;

/**
 * One documented route of {@code /v1} or {@code /admin/v1}: what the OpenAPI document says of it
 * (docs/api.md is the prose). Bodies are read as raw bytes and written by {@link ResponseWriter},
 * so nothing can be inferred from the controller's signature: the request fields, the answer's
 * fields, the errors and a real answer are stated here, and a test holds the set of routes to the
 * controllers' mappings. Build one with {@link #of} and the {@code with*} methods.
 *
 * @param method  HTTP method
 * @param path    path with {@code {Name}} variables
 * @param guard   who may call it and the errors that guard answers
 * @param summary one line
 * @param params  path and query parameters
 * @param body    JSON body fields (empty for a route without a body)
 * @param queryFields query parameters that are checked by the field rules like body fields (their
 *                errors are the route's too); each also appears in {@code params}
 * @param answer  the success answer's fields besides Code, Message and RequestId
 * @param errors  the route's own errors, besides its guard's and its fields'
 * @param example a real success answer, as JSON text
 */
public record ApiRoute(HttpMethod method, String path, Guard guard, String summary, List<Param> params,
                       List<ApiField> body, List<ApiField> queryFields, List<Answer> answer, List<Errors> errors,
                       String example) {

    /** Who may call a route, with the headers it needs and the errors checking them answers. */
    public enum Guard {
        /** A signed operator request with a JSON body that becomes a command (X-Request-Id makes it idempotent). */
        SIGNED_COMMAND,
        /** A signed operator request without a body, answered by the ingress. */
        SIGNED_READ,
        /** The admin token, with or without a body. */
        ADMIN
    }

    /** Where a parameter is. */
    public enum In {
        PATH, QUERY
    }

    /** A path or query parameter. */
    public record Param(String name, In in, boolean required, String example, String meaning) {
    }

    /** A field of the success answer: name, JSON type (string, integer, number, boolean, array, object) and meaning. */
    public record Answer(String name, String type, String meaning) {
    }

    /** A route with no parameters, body, answer fields or errors yet. */
    public static ApiRoute of(HttpMethod method, String path, Guard guard, String summary) {
        return new ApiRoute(method, path, guard, summary, List.of(), List.of(), List.of(), List.of(), List.of(), "{}");
    }

    public ApiRoute withParams(Param... p) {
        return new ApiRoute(method, path, guard, summary, List.of(p), body, queryFields, answer, errors, example);
    }

    public ApiRoute withBody(ApiField... fields) {
        return new ApiRoute(method, path, guard, summary, params, List.of(fields), queryFields, answer, errors, example);
    }

    /** Query parameters read as fields (same rules and refusals as in a body), after any {@link #withParams}. */
    public ApiRoute withQueryFields(ApiField... fields) {
        List<Param> all = new ArrayList<>(params);
        for (ApiField f : fields) {
            all.add(new Param(f.name(), In.QUERY, f.required(), f.example().replace("\"", ""), f.meaning()));
        }
        return new ApiRoute(method, path, guard, summary, List.copyOf(all), body, List.of(fields), answer, errors, example);
    }

    public ApiRoute withAnswer(Answer... fields) {
        return new ApiRoute(method, path, guard, summary, params, body, queryFields, List.of(fields), errors, example);
    }

    public ApiRoute withErrors(Errors... own) {
        return new ApiRoute(method, path, guard, summary, params, body, queryFields, answer, List.of(own), example);
    }

    public ApiRoute withExample(String json) {
        return new ApiRoute(method, path, guard, summary, params, body, queryFields, answer, errors, json);
    }

    /** {@code POST /v1/account/register}: how the drift test and its messages name a route. */
    public String name() {
        return method.name() + " " + path;
    }

    /** An operation id for the document: method and path words, e.g. {@code postV1AccountRegister}. */
    public String operationId() {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String part : path.split("[/{}-]")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    /** An answer field. */
    public static Answer answer(String name, String type, String meaning) {
        return new Answer(name, type, meaning);
    }

    /** A path parameter. */
    public static Param path(String name, String example, String meaning) {
        return new Param(name, In.PATH, true, example, meaning);
    }

    /** An optional query parameter. */
    public static Param query(String name, String example, String meaning) {
        return new Param(name, In.QUERY, false, example, meaning);
    }

    /** Every error the route can answer, each once: the guard's (see {@link ApiGuards}), its fields', its own. */
    public List<ApiError> allErrors() {
        List<ApiError> all = new ArrayList<>(ApiGuards.errors(guard, !body.isEmpty()));
        for (ApiField f : Stream.concat(body.stream(), queryFields.stream()).toList()) {
            for (Errors e : f.errors()) {
                add(all, new ApiError(e, f));
            }
        }
        for (Errors e : errors) {
            add(all, new ApiError(e, null));
        }
        return all;
    }

    private static void add(List<ApiError> all, ApiError error) {
        if (!all.contains(error)) {
            all.add(error);
        }
    }

    /** One catalogued error a route can answer; field errors name their field (header or body). */
    public record ApiError(Errors error, ApiField field) {
        /** {@code FIELD_REQUIRED:UserName}, or the entry's name for an error of no field. */
        public String key() {
            return field == null ? error.name() : error.name() + ":" + field.name();
        }
    }
}
