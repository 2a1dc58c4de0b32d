package com.beiying.gateway.ingress.console;

import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.Fields;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTML forms as the admin API's fields, so that a page and the API run the same field rules and
 * give the same catalogued refusals: text inputs become JSON strings, number inputs JSON numbers,
 * checkboxes booleans, a list (one item a line, or separated by commas or spaces) an array.
 */
final class Forms {
    private final Map<String, FieldInput> values = new LinkedHashMap<>();

    static Forms create() {
        return new Forms();
    }

    /** A text input: left out when empty, so that the API's default applies. */
    Forms text(String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, FieldInput.string(value.trim()));
        }
        return this;
    }

    /** A text input that clears its setting when empty (PATCH semantics: JSON null). */
    Forms textOrNull(String name, String value) {
        values.put(name, value == null || value.isBlank() ? FieldInput.NULL : FieldInput.string(value.trim()));
        return this;
    }

    /** A number input: left out when empty; text that is no number is refused by the field's rule. */
    Forms number(String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, FieldInput.number(value.trim()));
        }
        return this;
    }

    /** A number input that clears its setting when empty. */
    Forms numberOrNull(String name, String value) {
        values.put(name, value == null || value.isBlank() ? FieldInput.NULL : FieldInput.number(value.trim()));
        return this;
    }

    /** A decimal typed as text (money): sent as the API's decimal string. */
    Forms decimal(String name, String value) {
        values.put(name, FieldInput.string(value == null ? "" : value.trim()));
        return this;
    }

    /** A checkbox. */
    Forms bool(String name, boolean value) {
        values.put(name, FieldInput.bool(value));
        return this;
    }

    /** A list typed into a text area: one item a line, or separated by commas or spaces. */
    Forms list(String name, String text) {
        List<String> items = text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
        return list(name, items);
    }

    /** A list of checked boxes. */
    Forms list(String name, List<String> items) {
        values.put(name, FieldInput.array((items == null ? List.<String>of() : items).stream().map(FieldInput::string).toList()));
        return this;
    }

    Fields fields() {
        return Fields.of(values);
    }
}
