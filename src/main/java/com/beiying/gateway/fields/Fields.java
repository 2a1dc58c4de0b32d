package com.beiying.gateway.fields;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.security.FieldSealing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one request, wherever it came from (a {@code /v1} body, an admin body, a command
 * produced by a Kafka-native operator), with the generic RGS rules (docs/errors.md): missing 2001, JSON
 * null 2002, blank 2003, wrong JSON kind 2006, absurdly large 2011. Each field's own rules are in
 * {@link FieldRules}, written once over this type.
 */
public final class Fields {
    /** Strings longer than this are absurd for every field of the API. */
    static final int ABSURD_LENGTH = 1024;

    /** Opens a sealed secret field of this request. */
    @FunctionalInterface
    public interface Opener {
        /**
         * The plain text of a sealed field.
         *
         * @throws IllegalArgumentException when no known key opens it for this request and field
         */
        String open(String field, byte[] sealed);
    }

    private static final Opener NOTHING_SEALED = (field, sealed) -> {
        throw new IllegalArgumentException("no sealed fields expected");
    };

    private final Map<String, FieldInput> values;
    private final Opener opener;
    private final boolean secretsSealed;

    private Fields(Map<String, FieldInput> values, Opener opener, boolean secretsSealed) {
        this.values = values;
        this.opener = opener;
        this.secretsSealed = secretsSealed;
    }

    /** Fields of a request that carries no secret (the admin API). */
    public static Fields of(Map<String, FieldInput> values) {
        return new Fields(values, NOTHING_SEALED, false);
    }

    /**
     * Fields of a command: its secret fields ({@link FieldSealing#SECRET_FIELDS}) must arrive
     * sealed and open with the opener; one in plain text is refused without being read.
     */
    public static Fields sealed(Map<String, FieldInput> values, Opener opener) {
        return new Fields(values, opener, true);
    }

    /** Whether the field is present at all (JSON null included). */
    public boolean has(RequestField field) {
        return values.containsKey(field.jsonName());
    }

    /** The field as sent, for rules that accept several JSON kinds (numbers, booleans). */
    public Optional<FieldInput> raw(RequestField field) {
        return Optional.ofNullable(values.get(field.jsonName()));
    }

    /** A required field: absent is 2001, JSON null 2002. */
    public FieldInput required(RequestField field) {
        FieldInput input = values.get(field.jsonName());
        if (input == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, field);
        }
        if (input.kind() == FieldInput.Kind.NULL) {
            throw GatewayException.field(Errors.FIELD_NULL, field);
        }
        return input;
    }

    /** A required string field, checked for presence, null, kind, size and blankness. */
    public String requiredString(RequestField field) {
        return checkedString(field, required(field));
    }

    /** An optional string field: absent or JSON null mean "use the default". */
    public Optional<String> optionalString(RequestField field) {
        FieldInput input = values.get(field.jsonName());
        if (input == null || input.kind() == FieldInput.Kind.NULL) {
            return Optional.empty();
        }
        return Optional.of(checkedString(field, input));
    }

    /** A required JSON boolean. */
    public boolean requiredBoolean(RequestField field) {
        FieldInput input = required(field);
        if (input.kind() != FieldInput.Kind.BOOLEAN) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        return Boolean.parseBoolean(input.text());
    }

    /** An optional JSON boolean; absent or null is the default. */
    public boolean optionalBoolean(RequestField field, boolean otherwise) {
        FieldInput input = values.get(field.jsonName());
        return input == null || input.kind() == FieldInput.Kind.NULL ? otherwise : requiredBoolean(field);
    }

    /** An optional integer within bounds (2008 not an integer, 2010 below, 2009 above); empty when absent or null. */
    public Optional<Integer> optionalInteger(RequestField field, int min, int max) {
        FieldInput input = values.get(field.jsonName());
        if (input == null || input.kind() == FieldInput.Kind.NULL) {
            return Optional.empty();
        }
        if (input.kind() != FieldInput.Kind.NUMBER || !input.text().matches("-?\\d{1,10}")) {
            throw GatewayException.field(Errors.FIELD_NOT_INTEGER, field);
        }
        long value = Long.parseLong(input.text());
        if (value < min) {
            throw new GatewayException(Errors.FIELD_BELOW_MINIMUM, field, Map.of("min", min));
        }
        if (value > max) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, field, Map.of("max", max));
        }
        return Optional.of((int) value);
    }

    /** A required list of non-blank strings of at most {@code maxItemLength}, at most {@code maxItems} of them. */
    public List<String> requiredStrings(RequestField field, int maxItems, int maxItemLength) {
        FieldInput input = required(field);
        if (input.kind() != FieldInput.Kind.ARRAY) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        if (input.items().size() > maxItems) {
            throw new GatewayException(Errors.FIELD_TOO_LONG, field, Map.of("max", maxItems));
        }
        List<String> out = new ArrayList<>();
        for (FieldInput item : input.items()) {
            if (item.kind() != FieldInput.Kind.STRING || item.text() == null || item.text().isBlank()
                    || item.text().length() > maxItemLength) {
                throw GatewayException.field(Errors.FIELD_INVALID, field);
            }
            out.add(item.text().trim());
        }
        return out;
    }

    private String checkedString(RequestField field, FieldInput input) {
        if (input.kind() == FieldInput.Kind.NULL) {
            throw GatewayException.field(Errors.FIELD_NULL, field);
        }
        if (input.kind() != FieldInput.Kind.STRING) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        if (secretsSealed && !input.isSealed() && FieldSealing.SECRET_FIELDS.contains(field.jsonName())) {
            // A password that crossed a topic in plain text: refuse it, and never look at or echo it.
            throw GatewayException.field(Errors.SECRET_NOT_SEALED, field);
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
            return opener.open(field.jsonName(), sealed);
        } catch (IllegalArgumentException e) {
            // A sealed value that does not open was not sealed for this request and field.
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
    }
}
