package com.beiying.gateway.worker;

import com.beiying.gateway.error.GatewayException;
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

    /**
     * What a command ends in: a success with result fields, or a catalogued error that is still an
     * outcome to commit with its effects (a failed transfer settles its order), possibly with
     * result fields of its own (a transfer still processing names its order).
     */
    record Outcome(Map<String, FieldInput> result, GatewayException error) {
        /** A success. */
        public static Outcome success(Map<String, FieldInput> result) {
            return new Outcome(result, null);
        }

        /** An error committed together with the effects. */
        public static Outcome failure(GatewayException error, Map<String, FieldInput> result) {
            return new Outcome(result, error);
        }
    }

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
