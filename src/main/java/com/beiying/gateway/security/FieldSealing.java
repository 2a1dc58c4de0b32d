package com.beiying.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Secret request fields (passwords) never travel in plain text: the HTTP ingress seals them under
 * the master key, a Kafka-native operator under a key derived from its own API secret. Either way a
 * sealed value is bound to its request and field (the associated data), so it opens nowhere else.
 *
 * <p>For Kafka-native operators: AES-256-GCM; key = SHA-256(secret), purpose
 * {@code operator-field-seal}; associated data {@code <OperatorId>:<RequestId>/<Field>}; layout:
 * version byte 1, 12-byte nonce, ciphertext with its 16-byte tag. Put the bytes in the field's
 * {@code sealed} and leave {@code text} null.
 */
public final class FieldSealing {
    /** AES-GCM purpose of fields sealed by the ingress. */
    public static final String PURPOSE = "request-field";
    /** JSON names of the fields that never travel in plain text. */
    public static final Set<String> SECRET_FIELDS = Set.of("Password", "NewPassword");

    private FieldSealing() {
    }

    /** Associated data binding a sealed field to its request. */
    public static String associatedData(String operatorId, String requestId, String field) {
        return operatorId + ':' + requestId + "/" + field;
    }

    /** Seals one field value as a Kafka-native operator does, with its API secret. */
    public static byte[] sealForOperator(String secret, String operatorId, String requestId, String field, String text) {
        return SecretBox.forOperatorSecret(secret.getBytes(StandardCharsets.UTF_8))
                .seal(text, associatedData(operatorId, requestId, field));
    }
}
