package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Executes one kind of command in two steps: {@link #prepare} validates and does the slow or
 * external work (hashing, provider calls) outside any transaction, then the returned
 * {@link Effects} run inside the transaction that also commits the reply, so the outcome and its
 * effects are stored together or not at all.
 */
public interface CommandHandler {

    /** Database effects of a command, returning the reply's result fields. */
    @FunctionalInterface
    interface Effects {
        /** Applies the effects; throws a GatewayException to roll them back and answer with an error. */
        Map<String, FieldInput> apply(Handle handle);
    }

    /** The command kind handled. */
    CommandKind kind();

    /** Validates and prepares; throws a GatewayException for a catalogued refusal. */
    Effects prepare(CommandMessage command);
}
