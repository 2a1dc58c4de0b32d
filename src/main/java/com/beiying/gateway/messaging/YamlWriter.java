package com.beiying.gateway.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Block-style YAML for a tree of maps, lists and scalars, so the AsyncAPI document needs no YAML
 * library. Deliberately plain: a string is written bare only when it cannot be read back as
 * anything else (no indicator characters, not a number, boolean or null in YAML 1.1 or 1.2);
 * everything else is double-quoted with JSON-compatible escapes, which YAML reads the same way.
 */
final class YamlWriter {
    /** Letters first, then only characters that are never YAML indicators inside a plain scalar. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*");
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private YamlWriter() {
    }

    /** The document whose top level is the given map. */
    static String write(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        map(out, document, 0);
        return out.toString();
    }

    private static void map(StringBuilder out, Map<?, ?> map, int indent) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(" ".repeat(indent)).append(scalar(String.valueOf(e.getKey()))).append(':');
            value(out, e.getValue(), indent);
        }
    }

    /** A value after its key's colon: inline when scalar or empty, else as a block one level in. */
    private static void value(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            map(out, m, indent + 2);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            out.append('\n');
            list(out, l, indent + 2);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static void list(StringBuilder out, List<?> list, int indent) {
        for (Object item : list) {
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                // The first entry shares the dash's line; the rest align under it.
                StringBuilder block = new StringBuilder();
                map(block, m, indent + 2);
                out.append(" ".repeat(indent)).append("- ").append(block, indent + 2, block.length());
            } else if (item instanceof List<?> l && !l.isEmpty()) {
                out.append(" ".repeat(indent)).append("-\n");
                list(out, l, indent + 2);
            } else {
                out.append(" ".repeat(indent)).append("- ").append(inline(item)).append('\n');
            }
        }
    }

    private static String inline(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("no YAML for " + n);
            }
            return n.toString();
        }
        return scalar(value.toString());
    }

    /** A string as a YAML scalar that reads back as exactly that string. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Outside YAML's printable set (C0, DEL, C1, line separators, BOM, non-characters): escaped.
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c >= '\uFFFE') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
