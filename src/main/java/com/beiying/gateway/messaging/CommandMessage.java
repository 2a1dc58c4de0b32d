package com.beiying.gateway.messaging;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import java.time.Instant;
import java.util.Map;

/** A command as the worker sees it, decoded from the commands topic. */
public record CommandMessage(String requestId, String operatorId, CommandKind kind, Language language,
                             Map<String, FieldInput> fields, String replyTo, Instant createdAt) {

    /** The correlation key of this command: operator and request id. */
    public String correlationId() {
        return Correlation.id(operatorId, requestId);
    }
}
