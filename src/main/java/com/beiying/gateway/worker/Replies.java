package com.beiying.gateway.worker;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.messaging.ReplyMessage;
import java.time.Instant;
import java.util.Map;

/** Builds replies from a command and its outcome, in the command's language. */
public final class Replies {
    private Replies() {
    }

    /** A success reply with result fields. */
    public static ReplyMessage success(CommandMessage command, Map<String, FieldInput> result) {
        return new ReplyMessage(command.requestId(), command.operatorId(), command.kind(), true,
                Errors.SUCCESS.code(null), Errors.SUCCESS.message(command.language(), null, Map.of()),
                null, null, null, null, false, result, command.createdAt(), Instant.now());
    }

    /** An error reply carrying everything the catalog knows about the error, and any result fields. */
    public static ReplyMessage error(CommandMessage command, GatewayException e, Map<String, FieldInput> result) {
        Errors error = e.error();
        return new ReplyMessage(command.requestId(), command.operatorId(), command.kind(), false,
                error.code(e.field()), e.message(command.language()), error.name(),
                error.rgsId().orElse(null), error.rgsCode(e.field()).orElse(null),
                e.field() == null ? null : e.field().jsonName(), error.retriable(), result,
                command.createdAt(), Instant.now());
    }
}
