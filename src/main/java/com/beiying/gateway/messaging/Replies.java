package com.beiying.gateway.messaging;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import java.time.Instant;
import java.util.Map;

/** The one mapping from a command's outcome to its reply, in the command's language. */
public final class Replies {
    private Replies() {
    }

    /** The reply a command's outcome gives. */
    public static ReplyMessage of(CommandMessage command, Outcome outcome) {
        GatewayException e = outcome.error();
        if (e == null) {
            return new ReplyMessage(command.requestId(), command.operatorId(), command.kind(), true,
                    Errors.SUCCESS.code(null), Errors.SUCCESS.message(command.language(), null, Map.of()),
                    null, null, null, null, false, outcome.result(), command.createdAt(), Instant.now());
        }
        Errors error = e.error();
        return new ReplyMessage(command.requestId(), command.operatorId(), command.kind(), false,
                error.code(e.field()), e.message(command.language()), error.name(),
                error.rgsId().orElse(null), error.rgsCode(e.field()).orElse(null),
                e.field() == null ? null : e.field().jsonName(), error.retriable(), outcome.result(),
                command.createdAt(), Instant.now());
    }
}
