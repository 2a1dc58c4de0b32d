package com.beiying.gateway.messaging;

import com.beiying.gateway.config.SecretBox;
import java.nio.charset.StandardCharsets;

/**
 * For Kafka-native operators: seals a secret field (Password, NewPassword) of a command they
 * produce to their own topic, with a key derived from their API secret and bound to the request
 * and field. Put the result in the field's {@code sealed} bytes and leave {@code text} null.
 * AES-256-GCM; key = SHA-256(secret), purpose {@code operator-field-seal}; associated data
 * {@code <OperatorId>:<RequestId>/<Field>}; layout: version byte 1, 12-byte nonce, ciphertext+tag.
 */
public final class OperatorSealing {
    private OperatorSealing() {
    }

    /** The sealed bytes of one field value. */
    public static byte[] seal(String secret, String operatorId, String requestId, String field, String text) {
        return SecretBox.forOperatorSecret(secret.getBytes(StandardCharsets.UTF_8))
                .seal(text, SealedFields.associatedData(operatorId, requestId, field));
    }
}
