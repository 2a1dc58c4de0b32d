package com.beiying.gateway.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request to a simulated provider, as it came over the wire: method, the path below the
 * provider's base, the query and (for providers that post forms) form parameters decoded once,
 * headers by lower-case name, and the exact body.
 */
public record SimRequest(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    /** A header by name, any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as {@code application/x-www-form-urlencoded} parameters, decoded once. */
    public Map<String, String> form() {
        return decode(text());
    }

    /** A query or form string decoded into its parameters, in order (the first of repeated names wins). */
    static Map<String, String> decode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }
}
