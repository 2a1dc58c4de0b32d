package com.beiying.gateway.error;

import java.util.Map;

/**
 * The one exception that carries a catalogued answer. Thrown anywhere a request must stop with
 * an error; the edge that caught it renders {@link #error()} in the caller's dialect and language.
 */
public class GatewayException extends RuntimeException {
    private final transient Errors error;
    private final RequestField field;
    private final transient Map<String, ?> args;

    /** An error about the request as a whole. */
    public GatewayException(Errors error) {
        this(error, null, Map.of());
    }

    /** An error about one field, with template arguments such as {@code min} or {@code max}. */
    public GatewayException(Errors error, RequestField field, Map<String, ?> args) {
        super(error.name() + (field == null ? "" : " " + field.jsonName()), null, false, false);
        this.error = error;
        this.field = field;
        this.args = Map.copyOf(args);
    }

    /** Shorthand for a field error without template arguments. */
    public static GatewayException field(Errors error, RequestField field) {
        return new GatewayException(error, field, Map.of());
    }

    /** The catalog entry. */
    public Errors error() {
        return error;
    }

    /** The field at fault, or null. */
    public RequestField field() {
        return field;
    }

    /** The message in a language. */
    public String message(Language language) {
        return error.message(language, field, args);
    }
}
