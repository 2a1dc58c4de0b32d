package com.beiying.gateway.fields;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.security.Cidr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every field rule of the API (SPEC §4 and the admin API of §9), each mapped onto its catalogued
 * error, written once over {@link Fields} for {@code /v1}, the admin API and Kafka-native commands.
 */
public final class FieldRules {
    /** The most one transfer may move (SPEC §4). */
    public static final BigDecimal MAX_MONEY = new BigDecimal("1000000.00");
    /** The largest credit line the admin API sets. */
    public static final BigDecimal MAX_CREDIT = new BigDecimal("1000000000.00");

    private static final Pattern NAME_CHARS = Pattern.compile("[a-z0-9]+");
    private static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private static final Pattern ORDER_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_LIST = 256;

    private FieldRules() {
    }

    // ---- Members and games (SPEC §4) ------------------------------------------------------------

    /** UserName: lower-cased, then {@code ^[a-z][a-z0-9]{3,15}$}. */
    public static String userName(Fields fields) {
        String name = fields.requiredString(RequestField.USER_NAME).toLowerCase(Locale.ROOT);
        if (!NAME_CHARS.matcher(name).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.USER_NAME);
        }
        checkLength(RequestField.USER_NAME, name, 4, 16);
        if (!Character.isLetter(name.charAt(0))) {
            throw GatewayException.field(Errors.INVALID_USERNAME, RequestField.USER_NAME);
        }
        return name;
    }

    /** Password: 6–32 printable ASCII characters without spaces, at least one letter and one digit. */
    public static String password(Fields fields, RequestField field) {
        String password = fields.requiredString(field);
        checkLength(field, password, 6, 32);
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw GatewayException.field(Errors.FIELD_INVALID, field);
            }
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        if (!letter || !digit) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
        return password;
    }

    /** Game: one of SPEC §2. */
    public static Game game(Fields fields) {
        return gameCode(fields.requiredString(RequestField.GAME), RequestField.GAME);
    }

    /** Platform: PC, H5 or APP; default PC. */
    public static String platform(Fields fields) {
        String platform = fields.optionalString(RequestField.PLATFORM).orElse("PC").toUpperCase(Locale.ROOT);
        if (!platform.equals("PC") && !platform.equals("H5") && !platform.equals("APP")) {
            throw GatewayException.field(Errors.INVALID_PLATFORM, RequestField.PLATFORM);
        }
        return platform;
    }

    /** Language of the game: zh-CN or en; default zh-CN. */
    public static String language(Fields fields) {
        String language = fields.optionalString(RequestField.LANGUAGE).orElse("zh-CN");
        if (language.equalsIgnoreCase("zh-CN")) {
            return "zh-CN";
        }
        if (language.equalsIgnoreCase("en")) {
            return "en";
        }
        throw GatewayException.field(Errors.INVALID_LANGUAGE, RequestField.LANGUAGE);
    }

    /** GameId: optional, 1–64 characters of {@code [A-Za-z0-9_-]}. */
    public static String gameId(Fields fields) {
        String id = fields.optionalString(RequestField.GAME_ID).orElse(null);
        if (id != null && (id.length() > 64 || !GAME_ID.matcher(id).matches())) {
            throw GatewayException.field(Errors.INVALID_GAME_ID, RequestField.GAME_ID);
        }
        return id;
    }

    /** Lock: a JSON boolean, or the string true/false. */
    public static boolean lock(Fields fields) {
        FieldInput input = fields.required(RequestField.LOCK);
        String text = input.text() == null ? "" : input.text().trim().toLowerCase(Locale.ROOT);
        boolean typed = input.kind() == FieldInput.Kind.BOOLEAN || input.kind() == FieldInput.Kind.STRING;
        if (!typed || !(text.equals("true") || text.equals("false"))) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.LOCK);
        }
        return text.equals("true");
    }

    // ---- Money (SPEC §4, §7) ---------------------------------------------------------------------

    /**
     * Money: a JSON number or a decimal string, above zero, at most two decimals, at most
     * 1,000,000.00; exact decimal arithmetic throughout, never floating point.
     */
    public static BigDecimal money(Fields fields) {
        FieldInput input = fields.required(RequestField.MONEY);
        String text = switch (input.kind()) {
            case NUMBER -> input.text();
            case STRING -> {
                String t = fields.requiredString(RequestField.MONEY).trim();
                if (!DECIMAL.matcher(t).matches()) {
                    throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
                }
                yield t;
            }
            default -> throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
        };
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
        }
        if (value.signum() < 0) {
            throw GatewayException.field(Errors.NEGATIVE_AMOUNT, RequestField.MONEY);
        }
        if (value.signum() == 0) {
            throw GatewayException.field(Errors.ZERO_AMOUNT, RequestField.MONEY);
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.MONEY, Map.of("max", MAX_MONEY.toPlainString()));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** OrderID: 6–32 characters of {@code [A-Za-z0-9_-]}. */
    public static String orderId(Fields fields) {
        String id = fields.requiredString(RequestField.ORDER_ID);
        if (!ORDER_CHARS.matcher(id).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.ORDER_ID);
        }
        checkLength(RequestField.ORDER_ID, id, 6, 32);
        return id;
    }

    /** Action: IN or OUT; anything else, or nothing, is TRANSFER_NO_ACTION. */
    public static Direction action(Fields fields) {
        FieldInput input = fields.raw(RequestField.ACTION).orElse(FieldInput.NULL);
        String word = input.kind() != FieldInput.Kind.STRING || input.text() == null ? ""
                : input.text().trim().toUpperCase(Locale.ROOT);
        return Direction.fromWord(word).orElseThrow(() -> GatewayException.field(Errors.NO_ACTION, RequestField.ACTION));
    }

    // ---- Operators (admin API, SPEC §9) ------------------------------------------------------------

    /** Name: 1–64 characters. */
    public static String operatorName(Fields fields) {
        return string(fields, RequestField.NAME, 1, 64);
    }

    /** Currency: three upper-case letters. */
    public static String currency(Fields fields) {
        String c = string(fields, RequestField.CURRENCY, 3, 3);
        if (!CURRENCY.matcher(c).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CURRENCY);
        }
        return c;
    }

    /** LaunchDomain: a host name, or absent/null for none. */
    public static String launchDomain(Fields fields) {
        String d = fields.optionalString(RequestField.LAUNCH_DOMAIN).orElse(null);
        if (d == null) {
            return null;
        }
        checkLength(RequestField.LAUNCH_DOMAIN, d, 1, 253);
        if (!DOMAIN.matcher(d).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.LAUNCH_DOMAIN);
        }
        return d.toLowerCase(Locale.ROOT);
    }

    /** ErrorFormat: BEIYING or RGS; empty when absent. */
    public static Optional<ErrorFormat> errorFormat(Fields fields) {
        return fields.optionalString(RequestField.ERROR_FORMAT).map(f -> {
            checkLength(RequestField.ERROR_FORMAT, f, 1, 16);
            try {
                return ErrorFormat.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayException.field(Errors.FIELD_INVALID, RequestField.ERROR_FORMAT);
            }
        });
    }

    /** Status: ACTIVE or SUSPENDED; true for active. */
    public static boolean operatorActive(Fields fields) {
        String s = string(fields, RequestField.STATUS, 1, 16).toUpperCase(Locale.ROOT);
        if (!s.equals("ACTIVE") && !s.equals("SUSPENDED")) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.STATUS);
        }
        return s.equals("ACTIVE");
    }

    /** IpAllowlist: a non-empty list of IPv4/IPv6 CIDRs, normalised. */
    public static List<String> ipAllowlist(Fields fields) {
        List<String> out = new ArrayList<>();
        for (String text : fields.requiredStrings(RequestField.IP_ALLOWLIST, MAX_LIST, 64)) {
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

    /** Games: game codes of SPEC §2. */
    public static Set<Game> games(Fields fields) {
        Set<Game> out = new LinkedHashSet<>();
        for (String code : fields.requiredStrings(RequestField.GAMES, MAX_LIST, 64)) {
            out.add(gameCode(code, RequestField.GAMES));
        }
        return out;
    }

    /** RateLimit: requests per second, 1–100000, or null for the default. */
    public static Integer rateLimit(Fields fields) {
        return fields.optionalInteger(RequestField.RATE_LIMIT, 1, 100_000).orElse(null);
    }

    /** KafkaNative: an optional boolean, false by default. */
    public static boolean kafkaNative(Fields fields) {
        return fields.optionalBoolean(RequestField.KAFKA_NATIVE, false);
    }

    /** Enabled: a required boolean. */
    public static boolean enabled(Fields fields) {
        return fields.requiredBoolean(RequestField.ENABLED);
    }

    /** Until: an optional ISO-8601 instant with offset, e.g. 2026-11-23T10:00:00Z. */
    public static Instant until(Fields fields) {
        String text = fields.optionalString(RequestField.UNTIL).orElse(null);
        if (text == null) {
            return null;
        }
        checkLength(RequestField.UNTIL, text, 10, 40);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.UNTIL);
        }
    }

    /** Credit: a decimal of at most two places, from 0 to 1,000,000,000.00. */
    public static BigDecimal credit(Fields fields) {
        FieldInput input = fields.required(RequestField.CREDIT);
        BigDecimal value;
        try {
            value = new BigDecimal(input.kind() == FieldInput.Kind.NUMBER || input.kind() == FieldInput.Kind.STRING
                    ? input.text() : "");
        } catch (RuntimeException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CREDIT);
        }
        if (value.signum() < 0) {
            throw new GatewayException(Errors.FIELD_BELOW_MINIMUM, RequestField.CREDIT, Map.of("min", 0));
        }
        if (value.compareTo(MAX_CREDIT) > 0) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.CREDIT, Map.of("max", MAX_CREDIT.toPlainString()));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CREDIT);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A game named in a path or field: one of SPEC §2, else TYPE_ERROR. */
    public static Game gameCode(String code, RequestField field) {
        return Game.fromCode(code).orElseThrow(() -> GatewayException.field(Errors.UNKNOWN_GAME, field));
    }

    private static String string(Fields fields, RequestField field, int min, int max) {
        String text = fields.requiredString(field);
        checkLength(field, text, min, max);
        return text;
    }

    private static void checkLength(RequestField field, String value, int min, int max) {
        if (value.length() < min) {
            throw new GatewayException(Errors.FIELD_TOO_SHORT, field, Map.of("min", min));
        }
        if (value.length() > max) {
            throw new GatewayException(Errors.FIELD_TOO_LONG, field, Map.of("max", max));
        }
    }
}
