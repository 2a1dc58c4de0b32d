package com.beiying.gateway.messaging;

import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import java.util.Map;

/**
 * What a command ends in: a success with result fields, or a catalogued error that is still an
 * outcome to commit with its effects (a failed transfer settles its order), possibly with result
 * fields of its own (a transfer still processing names its order).
 */
public record Outcome(Map<String, FieldInput> result, GatewayException error) {

    /** A success. */
    public static Outcome success(Map<String, FieldInput> result) {
        return new Outcome(result, null);
    }

    /** An error, with any result fields it still names. */
    public static Outcome failure(GatewayException error, Map<String, FieldInput> result) {
        return new Outcome(result, error);
    }

    /** An error about the request as a whole, naming nothing. */
    public static Outcome failure(GatewayException error) {
        return new Outcome(Map.of(), error);
    }
}
