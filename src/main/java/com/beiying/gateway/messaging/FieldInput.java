package com.beiying.gateway.messaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * One top-level JSON field of a request or reply as it was written: its JSON kind and literal
 * text, or for secret fields the sealed ciphertext instead of the text.
 */
public record FieldInput(Kind kind, String text, byte[] sealed) {

    /** JSON value kinds. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

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
                && Arrays.equals(sealed, other.sealed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, Arrays.hashCode(sealed));
    }

    @Override
    public String toString() {
        return kind + (sealed != null ? "(sealed)" : "(" + text + ")");
    }
}
