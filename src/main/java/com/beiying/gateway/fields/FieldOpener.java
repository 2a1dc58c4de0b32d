package com.beiying.gateway.fields;

import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.security.SecretBox;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens sealed secret fields: sealed by our ingress under the master key, or by a Kafka-native
 * operator under its own secret (any of its usable secrets, during a key rotation's overlap).
 * The associated data names the command's operator and request, so a value sealed for one
 * operator or request never opens for another.
 */
public final class FieldOpener {
    private final SecretBox ingressSealer;
    private final Function<String, List<byte[]>> operatorSecrets;

    /** @param operatorSecrets usable secrets by operator id */
    public FieldOpener(SecretBox ingressSealer, Function<String, List<byte[]>> operatorSecrets) {
        this.ingressSealer = ingressSealer;
        this.operatorSecrets = operatorSecrets;
    }

    /** The fields of one command, its sealed ones opening for this operator and request only. */
    public Fields fields(String operatorId, String requestId, Map<String, FieldInput> values) {
        return Fields.sealed(values, (field, sealed) -> open(operatorId, requestId, field, sealed));
    }

    private String open(String operatorId, String requestId, String field, byte[] sealed) {
        String aad = FieldSealing.associatedData(operatorId, requestId, field);
        try {
            return ingressSealer.open(sealed, aad);
        } catch (IllegalArgumentException notOurs) {
            for (byte[] secret : operatorSecrets.apply(operatorId)) {
                try {
                    return SecretBox.forOperatorSecret(secret).open(sealed, aad);
                } catch (IllegalArgumentException next) {
                    // try the operator's other usable secret
                }
            }
            throw notOurs;
        }
    }
}
