package com.beiying.gateway.worker;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import org.jdbi.v3.core.Handle;

/**
 * Executes one kind of command in two steps: {@link #prepare} validates and does the slow or
 * external work (hashing, provider calls) outside any transaction, then the returned
 * {@link Effects} run inside the transaction that also commits the reply, so the outcome and its
 * effects are stored together or not at all. Implementations live in the feature packages below
 * this one and are found by component scanning, so this package never names them.
 */
public interface CommandHandler {

    /** Database effects of a command and its outcome. */
    @FunctionalInterface
    interface Effects {
        /** Applies the effects; throws a GatewayException to roll them back and answer with an error. */
        Outcome apply(Handle handle);
    }

    /** The command kind handled. */
    CommandKind kind();

    /** Validates and prepares; throws a GatewayException for a catalogued refusal. */
    Effects prepare(CommandMessage command);
}
