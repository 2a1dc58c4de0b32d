package com.beiying.gateway.ingress;

import com.beiying.gateway.config.Cidr;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.provider.Game;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An admin request body (SPEC §9) read strictly (same limits as {@code /v1}) and validated field
 * by field with the RGS field rules; every refusal is catalogued.
 */
final class AdminFields {
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_LIST = 256;

    private final JsonNode body;

    private AdminFields(JsonNode body) {
        this.body = body;
    }

    /** Parses the body; anything but one JSON object is CONTENT. */
    static AdminFields parse(JsonMapper mapper, byte[] bytes) {
        try {
            JsonNode node = bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new GatewayException(Errors.INVALID_CONTENT);
            }
            return new AdminFields(node);
        } catch (JacksonException e) {
            throw new GatewayException(Errors.INVALID_CONTENT);
        }
    }

    boolean has(RequestField field) {
        return body.has(field.jsonName());
    }

    /** A required or optional string; null when optional and absent or JSON null. */
    String string(RequestField field, boolean required, int min, int max) {
        JsonNode node = body.get(field.jsonName());
        if (node == null || node.isNull()) {
            if (required) {
                throw GatewayException.field(node == null ? Errors.FIELD_REQUIRED : Errors.FIELD_NULL, field);
            }
            return null;
        }
        if (!node.isString()) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        String text = node.stringValue();
        if (text.length() > 1024) {
            throw GatewayException.field(Errors.FIELD_TOO_LARGE, field);
        }
        if (text.isBlank()) {
            throw GatewayException.field(Errors.FIELD_BLANK, field);
        }
        if (text.length() < min) {
            throw new GatewayException(Errors.FIELD_TOO_SHORT, field, Map.of("min", min));
        }
        if (text.length() > max) {
            throw new GatewayException(Errors.FIELD_TOO_LONG, field, Map.of("max", max));
        }
        return text;
    }

    String name() {
        return string(RequestField.NAME, true, 1, 64);
    }

    String currency() {
        String c = string(RequestField.CURRENCY, true, 3, 3);
        if (!CURRENCY.matcher(c).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CURRENCY);
        }
        return c;
    }

    /** LaunchDomain: a host name, or absent/null for none. */
    String launchDomain() {
        String d = string(RequestField.LAUNCH_DOMAIN, false, 1, 253);
        if (d != null && !DOMAIN.matcher(d).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.LAUNCH_DOMAIN);
        }
        return d == null ? null : d.toLowerCase(Locale.ROOT);
    }

    Optional<ErrorFormat> errorFormat() {
        String f = string(RequestField.ERROR_FORMAT, false, 1, 16);
        if (f == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ErrorFormat.valueOf(f.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.ERROR_FORMAT);
        }
    }

    /** Status: ACTIVE or SUSPENDED. */
    String status() {
        String s = string(RequestField.STATUS, true, 1, 16).toUpperCase(Locale.ROOT);
        if (!s.equals("ACTIVE") && !s.equals("SUSPENDED")) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.STATUS);
        }
        return s;
    }

    /** IpAllowlist: a non-empty list of IPv4/IPv6 CIDRs, normalised. */
    List<String> ipAllowlist() {
        List<String> out = new ArrayList<>();
        for (String text : list(RequestField.IP_ALLOWLIST)) {
            try {
                out.add(Cidr.parse(text).toString());
            } catch (RuntimeException e) {
                throw GatewayException.field(Errors.FIELD_INVALID, RequestField.IP_ALLOWLIST);
            }
        }
        if (out.isEmpty()) {
            throw GatewayException.field(Errors.FIELD_BLANK, RequestField.IP_ALLOWLIST);
        }
        return out;
    }

    /** Games: game codes of SPEC §2; absent means all (on create). */
    Set<String> games() {
        Set<String> out = new LinkedHashSet<>();
        for (String code : list(RequestField.GAMES)) {
            out.add(Game.fromCode(code).orElseThrow(() -> new GatewayException(Errors.UNKNOWN_GAME, RequestField.GAMES, Map.of()))
                    .code());
        }
        return out;
    }

    /** RateLimit: requests per second, 1–100000, or null for the default. */
    Integer rateLimit() {
        JsonNode node = body.get(RequestField.RATE_LIMIT.jsonName());
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw GatewayException.field(Errors.FIELD_NOT_INTEGER, RequestField.RATE_LIMIT);
        }
        int value = node.intValue();
        if (value < 1) {
            throw new GatewayException(Errors.FIELD_BELOW_MINIMUM, RequestField.RATE_LIMIT, Map.of("min", 1));
        }
        if (value > 100_000) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.RATE_LIMIT, Map.of("max", 100_000));
        }
        return value;
    }

    /** Enabled: a required boolean. */
    boolean enabled() {
        JsonNode node = body.get(RequestField.ENABLED.jsonName());
        if (node == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, RequestField.ENABLED);
        }
        if (node.isNull()) {
            throw GatewayException.field(Errors.FIELD_NULL, RequestField.ENABLED);
        }
        if (!node.isBoolean()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.ENABLED);
        }
        return node.booleanValue();
    }

    /** Until: an optional ISO-8601 instant with offset, e.g. 2026-11-23T10:00:00Z. */
    java.time.Instant until() {
        String text = string(RequestField.UNTIL, false, 10, 40);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.UNTIL);
        }
    }

    /** Game: one of SPEC §2. */
    Game game() {
        String code = string(RequestField.GAME, true, 1, 32);
        return Game.fromCode(code).orElseThrow(() -> new GatewayException(Errors.UNKNOWN_GAME, RequestField.GAME, Map.of()));
    }

    /** Credit: a decimal of at most two places, from 0 to 1,000,000,000.00. */
    java.math.BigDecimal credit() {
        JsonNode node = body.get(RequestField.CREDIT.jsonName());
        if (node == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, RequestField.CREDIT);
        }
        if (node.isNull()) {
            throw GatewayException.field(Errors.FIELD_NULL, RequestField.CREDIT);
        }
        java.math.BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : new java.math.BigDecimal(node.stringValue());
        } catch (RuntimeException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CREDIT);
        }
        if (value.signum() < 0) {
            throw new GatewayException(Errors.FIELD_BELOW_MINIMUM, RequestField.CREDIT, Map.of("min", 0));
        }
        if (value.compareTo(new java.math.BigDecimal("1000000000.00")) > 0) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.CREDIT, Map.of("max", "1000000000.00"));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CREDIT);
        }
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    boolean kafkaNative() {
        JsonNode node = body.get(RequestField.KAFKA_NATIVE.jsonName());
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.KAFKA_NATIVE);
        }
        return node.booleanValue();
    }

    private List<String> list(RequestField field) {
        JsonNode node = body.get(field.jsonName());
        if (node == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, field);
        }
        if (node.isNull()) {
            throw GatewayException.field(Errors.FIELD_NULL, field);
        }
        if (!node.isArray()) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        if (node.size() > MAX_LIST) {
            throw new GatewayException(Errors.FIELD_TOO_LONG, field, Map.of("max", MAX_LIST));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node.values()) {
            if (!item.isString() || item.stringValue().isBlank() || item.stringValue().length() > 64) {
                throw GatewayException.field(Errors.FIELD_INVALID, field);
            }
            out.add(item.stringValue().trim());
        }
        return out;
    }
}
