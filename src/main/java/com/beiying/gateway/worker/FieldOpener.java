package com.beiying.gateway.worker;

import com.beiying.gateway.config.SecretBox;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.SealedFields;
import java.util.List;
import java.util.function.Function;

/**
 * Opens sealed secret fields: sealed by our ingress under the master key, or by a Kafka-native
 * operator under its own secret (any of its usable secrets, during a key rotation's overlap).
 * The associated data names the command's operator, so a value sealed for one operator or
 * request never opens for another.
 */
public final class FieldOpener {
    private final SecretBox ingressSealer;
    private final Function<String, List<byte[]>> operatorSecrets;

    /** @param operatorSecrets usable secrets by operator id */
    public FieldOpener(SecretBox ingressSealer, Function<String, List<byte[]>> operatorSecrets) {
        this.ingressSealer = ingressSealer;
        this.operatorSecrets = operatorSecrets;
    }

    /**
     * The plain text of a sealed field.
     *
     * @throws IllegalArgumentException when no known key opens it for this request and field
     */
    String open(CommandMessage command, String field, byte[] sealed) {
        String aad = SealedFields.associatedData(command.operatorId(), command.requestId(), field);
        try {
            return ingressSealer.open(sealed, aad);
        } catch (IllegalArgumentException notOurs) {
            for (byte[] secret : operatorSecrets.apply(command.operatorId())) {
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
