package com.beiying.gateway.messaging;

import java.util.Set;

/**
 * Which request fields are secrets and how they are bound when sealed: a sealed password opens
 * only for the request and field it was sealed for.
 */
public final class SealedFields {
    /** AES-GCM purpose of sealed request fields. */
    public static final String PURPOSE = "request-field";
    /** JSON names of the fields that never travel in plain text. */
    public static final Set<String> SECRET_FIELDS = Set.of("Password", "NewPassword");

    private SealedFields() {
    }

    /** Associated data binding a sealed field to its request. */
    public static String associatedData(String operatorId, String requestId, String field) {
        return Correlation.id(operatorId, requestId) + "/" + field;
    }
}
