package com.beiying.gateway.messaging;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.fields.FieldInput;
import java.time.Instant;
import java.util.Map;

/**
 * The outcome of one command: what the reply topic carries and the correlation store keeps.
 * {@code errorName} is the catalog entry's stable name; null on success.
 */
public record ReplyMessage(String requestId, String operatorId, CommandKind kind, boolean success,
                           String code, String message, String errorName, Integer errorId, String errorCode,
                           String field, boolean retriable, Map<String, FieldInput> result,
                           Instant createdAt, Instant completedAt) {

    /** The correlation key of this reply: operator and request id. */
    public String correlationId() {
        return Correlation.id(operatorId, requestId);
    }
}
