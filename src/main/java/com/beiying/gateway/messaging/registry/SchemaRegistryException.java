package com.beiying.gateway.messaging.registry;

/**
 * The schema registry refused a request or did not answer. Unchecked, because a producer cannot
 * do anything sensible with an unregistered schema but stop; it names the subject (or schema id)
 * and the HTTP status so the operator sees at once whether a schema change was refused (409), the
 * schema was invalid (422) or the registry is down (5xx, or {@link #NO_ANSWER}).
 */
public final class SchemaRegistryException extends RuntimeException {
    /** The status of a request that got no HTTP answer at all (connection refused, timeout). */
    public static final int NO_ANSWER = -1;

    private final int status;
    private final int errorCode;

    SchemaRegistryException(String about, int status, int errorCode, String detail, Throwable cause) {
        super("schema registry, " + about + ": " + (status == NO_ANSWER ? "no answer" : "HTTP " + status)
                + (errorCode == 0 ? "" : ", error_code " + errorCode) + (detail == null || detail.isBlank() ? "" : ": " + detail),
                cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status the registry answered, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }

    /** The registry's own {@code error_code} (for example 40403, 42201), or 0 when it gave none. */
    public int errorCode() {
        return errorCode;
    }
}
