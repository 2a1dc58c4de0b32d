package com.beiying.gateway.worker;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import java.util.Map;
import java.util.Optional;

/**
 * A command's fields with the generic RGS rules of SPEC §6 (missing 2001, null 2002, blank 2003,
 * wrong type 2006, absurdly large 2011). Field-specific rules live in {@link FieldRules}.
 */
public final class CommandFields {
    /** Strings longer than this are absurd for every field of the API. */
    static final int ABSURD_LENGTH = 1024;

    private final CommandMessage command;
    private final FieldOpener opener;

    /** Reads the fields of a command; sealed fields open with the opener. */
    public CommandFields(CommandMessage command, FieldOpener opener) {
        this.command = command;
        this.opener = opener;
    }

    /** A required string field, checked for presence, null, type, size and blankness. */
    public String requiredString(RequestField field) {
        FieldInput input = command.fields().get(field.jsonName());
        if (input == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, field);
        }
        return checkedString(field, input);
    }

    /** An optional string field: absent or JSON null mean "use the default". */
    public Optional<String> optionalString(RequestField field) {
        FieldInput input = command.fields().get(field.jsonName());
        if (input == null || input.kind() == FieldInput.Kind.NULL) {
            return Optional.empty();
        }
        return Optional.of(checkedString(field, input));
    }

    private String checkedString(RequestField field, FieldInput input) {
        if (input.kind() == FieldInput.Kind.NULL) {
            throw GatewayException.field(Errors.FIELD_NULL, field);
        }
        if (input.kind() != FieldInput.Kind.STRING) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        String text = input.isSealed() ? open(field, input.sealed()) : input.text();
        if (text == null) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        if (text.length() > ABSURD_LENGTH) {
            throw GatewayException.field(Errors.FIELD_TOO_LARGE, field);
        }
        if (text.isBlank()) {
            throw GatewayException.field(Errors.FIELD_BLANK, field);
        }
        return text;
    }

    private String open(RequestField field, byte[] sealed) {
        try {
            return opener.open(command, field.jsonName(), sealed);
        } catch (IllegalArgumentException e) {
            // A sealed value that does not open was not sealed by our ingress for this request.
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
    }

    /** Raw access for rules that accept several JSON kinds (numbers, booleans). */
    public Map<String, FieldInput> raw() {
        return command.fields();
    }
}
