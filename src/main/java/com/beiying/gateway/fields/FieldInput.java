package com.beiying.gateway.fields;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One top-level JSON field of a request or reply as it was written: its JSON kind and literal
 * text, for secret fields the sealed ciphertext instead of the text, and for an array its items
 * (arrays of scalars only: no request field nests deeper). A reply field that is a whole JSON
 * array or object (bet records) carries its JSON text instead, see {@link #json}.
 */
public record FieldInput(Kind kind, String text, byte[] sealed, List<FieldInput> items) {

    /** JSON value kinds. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

    /** The JSON null. */
    public static final FieldInput NULL = new FieldInput(Kind.NULL, null, null, List.of());
    /** A JSON object (its members are never needed, only that it is one). */
    public static final FieldInput OBJECT = new FieldInput(Kind.OBJECT, null, null, List.of());

    /** A value of a kind with its text (the form a message decoder rebuilds). */
    public FieldInput(Kind kind, String text, byte[] sealed) {
        this(kind, text, sealed, List.of());
    }

    /** A JSON string. */
    public static FieldInput string(String text) {
        return new FieldInput(Kind.STRING, text, null);
    }

    /** A JSON number literal, kept as text so that no precision is lost. */
    public static FieldInput number(String literal) {
        return new FieldInput(Kind.NUMBER, literal, null);
    }

    /** A JSON boolean. */
    public static FieldInput bool(boolean value) {
        return new FieldInput(Kind.BOOLEAN, Boolean.toString(value), null);
    }

    /** A JSON array of the given items. */
    public static FieldInput array(List<FieldInput> items) {
        return new FieldInput(Kind.ARRAY, null, null, List.copyOf(items));
    }

    /** A reply's array or object field given as its JSON text, written into the answer as it is. */
    public static FieldInput json(Kind kind, String jsonText) {
        if (kind != Kind.ARRAY && kind != Kind.OBJECT) {
            throw new IllegalArgumentException("JSON text is for arrays and objects, not " + kind);
        }
        return new FieldInput(kind, jsonText, null);
    }

    /** A JSON string whose text travels only as ciphertext. */
    public static FieldInput sealedString(byte[] ciphertext) {
        return new FieldInput(Kind.STRING, null, ciphertext);
    }

    /** Whether the text is sealed. */
    public boolean isSealed() {
        return sealed != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldInput other && kind == other.kind && Objects.equals(text, other.text)
                && Arrays.equals(sealed, other.sealed) && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, Arrays.hashCode(sealed), items);
    }

    @Override
    public String toString() {
        return kind + (sealed != null ? "(sealed)" : "(" + text + ")");
    }
}
