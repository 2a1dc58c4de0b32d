package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.ingress.ApiRoute.ApiError;
import com.beiying.gateway.ingress.ApiRoute.Guard;
import java.util.ArrayList;
import java.util.List;

/**
 * The headers each {@link Guard} reads and the errors checking them answers, in the order
 * {@link RequestAuthenticator} checks them (docs/api.md, "Operators and authentication").
 */
public final class ApiGuards {
    /** {@code X-Timestamp}: Unix epoch milliseconds within the clock skew. */
    public static final ApiField TIMESTAMP = ApiField.required(RequestField.X_TIMESTAMP, ApiField.Type.HEADER,
            "\"1767225600000\"", "Unix epoch milliseconds, within 60 s of the server's clock", Errors.FIELD_NOT_INTEGER);
    /** {@code X-Nonce}: 8–64 characters, never reused within 10 minutes. */
    public static final ApiField NONCE = ApiField.required(RequestField.X_NONCE, ApiField.Type.HEADER,
            "\"n0nce-0001\"", "8-64 characters of [A-Za-z0-9_-], never used before by this operator within 10 minutes",
            Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG, Errors.FIELD_INVALID).bounded("8", "64");
    /** {@code X-Request-Id}: the optional idempotency key. */
    public static final ApiField REQUEST_ID = ApiField.optional(RequestField.X_REQUEST_ID, ApiField.Type.HEADER,
            "\"my-request-0001\"", "optional idempotency key, 8-64 characters of [A-Za-z0-9_-]",
            Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG, Errors.FIELD_INVALID).bounded("8", "64");

    private ApiGuards() {
    }

    /** The headers with values of their own that a guard reads (Authorization and X-Sign are security schemes). */
    public static List<ApiField> headers(Guard guard) {
        return switch (guard) {
            case SIGNED_COMMAND -> List.of(TIMESTAMP, NONCE, REQUEST_ID);
            case SIGNED_READ -> List.of(TIMESTAMP, NONCE);
            case ADMIN -> List.of();
        };
    }

    /** The errors a guard answers, in checking order, then those of reading a body when the route has one. */
    public static List<ApiError> errors(Guard guard, boolean hasBody) {
        List<ApiError> all = new ArrayList<>();
        if (guard == Guard.ADMIN) {
            all.add(new ApiError(Errors.INVALID_ADMIN_TOKEN, null));
        } else {
            all.add(new ApiError(Errors.UNKNOWN_API_KEY, null));
            all.add(new ApiError(Errors.IP_NOT_ALLOWED, null));
            for (ApiField header : headers(guard)) {
                if (header == REQUEST_ID) {
                    continue;
                }
                header.errors().forEach(e -> all.add(new ApiError(e, header)));
                if (header == TIMESTAMP) {
                    all.add(new ApiError(Errors.TIMESTAMP_IN_SECONDS, null));
                    all.add(new ApiError(Errors.STALE_TIMESTAMP, null));
                }
            }
            all.add(new ApiError(Errors.BAD_SIGNATURE, null));
            all.add(new ApiError(Errors.OPERATOR_SUSPENDED, null));
            if (guard == Guard.SIGNED_COMMAND) {
                REQUEST_ID.errors().forEach(e -> all.add(new ApiError(e, REQUEST_ID)));
            }
            all.add(new ApiError(Errors.RATE_LIMITED, null));
            all.add(new ApiError(Errors.NONCE_REUSED, null));
        }
        if (hasBody) {
            all.add(new ApiError(Errors.INVALID_CONTENT, null));
        }
        if (guard == Guard.SIGNED_COMMAND) {
            all.add(new ApiError(Errors.REQUEST_ID_REUSED, null));
            all.add(new ApiError(Errors.REPLY_TIMEOUT, null));
        }
        all.add(new ApiError(Errors.INTERNAL_ERROR, null));
        return all;
    }
}
