package com.beiying.gateway.simulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the JSON the simulated providers answer with: maps, lists, numbers, booleans, null and
 * strings, by hand, so that a provider's answer costs no reflection or object tree.
 */
public final class SimJson {
    private SimJson() {
    }

    /** The JSON text of a value. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ":" + of(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SimJson::of).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
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
