package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.RequestField;
import java.util.ArrayList;
import java.util.List;

/**
 * One field of a documented request (a JSON body field or a header with a value of its own), its
 * JSON type, an example, and every catalogued error it can cause. The generic refusals of its
 * type ({@link Type#errors}) are added to the field's own rule, so an entry names only what is
 * particular to it.
 *
 * @param field    the field as the catalog knows it (its name and its error codes come from here)
 * @param type     its JSON type
 * @param required whether a request without it is refused
 * @param example  a valid value, as JSON text (a string in quotes)
 * @param meaning  what it is, one sentence
 * @param min      the least length or value its rule accepts, or null
 * @param max      the greatest length or value its rule accepts, or null
 * @param own      the errors of the field's own rule
 */
public record ApiField(RequestField field, Type type, boolean required, String example, String meaning,
                       String min, String max, List<Errors> own) {

    /** JSON types of fields, each with the generic refusals of its kind (docs/api.md, "Field rules"). */
    public enum Type {
        STRING(Errors.FIELD_NULL, Errors.FIELD_BLANK, Errors.FIELD_INVALID, Errors.FIELD_TOO_LARGE),
        /** A JSON number or a plain decimal string (money). */
        DECIMAL(Errors.FIELD_NULL),
        INTEGER(Errors.FIELD_NULL, Errors.FIELD_NOT_INTEGER, Errors.FIELD_BELOW_MINIMUM, Errors.FIELD_ABOVE_MAXIMUM),
        BOOLEAN(Errors.FIELD_NULL, Errors.FIELD_INVALID),
        STRINGS(Errors.FIELD_NULL, Errors.FIELD_INVALID, Errors.FIELD_TOO_LONG),
        /** A header value: never null, the rest as a string. */
        HEADER(Errors.FIELD_BLANK, Errors.FIELD_TOO_LARGE);

        private final List<Errors> errors;

        Type(Errors... errors) {
            this.errors = List.of(errors);
        }

        /** The generic refusals of this kind of field. */
        public List<Errors> errors() {
            return errors;
        }
    }

    /** A required field. */
    public static ApiField required(RequestField field, Type type, String example, String meaning, Errors... own) {
        return new ApiField(field, type, true, example, meaning, null, null, List.of(own));
    }

    /** An optional field. */
    public static ApiField optional(RequestField field, Type type, String example, String meaning, Errors... own) {
        return new ApiField(field, type, false, example, meaning, null, null, List.of(own));
    }

    /** The same field with the bounds its messages name ({min}, {max}). */
    public ApiField bounded(String least, String most) {
        return new ApiField(field, type, required, example, meaning, least, most, own);
    }

    /** The same field, required or not. */
    public ApiField required(boolean isRequired) {
        return new ApiField(field, type, isRequired, example, meaning, min, max, own);
    }

    /** The field's name in JSON or as a header. */
    public String name() {
        return field.jsonName();
    }

    /** Every error this field can cause: absent (when required), its type's and its own, each once. */
    public List<Errors> errors() {
        List<Errors> all = new ArrayList<>();
        if (required) {
            all.add(Errors.FIELD_REQUIRED);
        }
        for (Errors e : type.errors) {
            if (!all.contains(e)) {
                all.add(e);
            }
        }
        for (Errors e : own) {
            if (!all.contains(e)) {
                all.add(e);
            }
        }
        return all;
    }
}
