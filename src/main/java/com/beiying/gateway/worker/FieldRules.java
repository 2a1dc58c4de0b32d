package com.beiying.gateway.worker;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.provider.Game;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The field rules of SPEC §4, each mapped onto its catalogued error. */
public final class FieldRules {
    private static final Pattern NAME_CHARS = Pattern.compile("[a-z0-9]+");
    private static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private FieldRules() {
    }

    /** UserName: lower-cased, then {@code ^[a-z][a-z0-9]{3,15}$}. */
    public static String userName(CommandFields fields) {
        String name = fields.requiredString(RequestField.USER_NAME).toLowerCase(Locale.ROOT);
        if (!NAME_CHARS.matcher(name).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.USER_NAME);
        }
        checkLength(RequestField.USER_NAME, name, 4, 16);
        if (!Character.isLetter(name.charAt(0))) {
            throw new GatewayException(Errors.INVALID_USERNAME, RequestField.USER_NAME, Map.of());
        }
        return name;
    }

    /** Password: 6–32 printable ASCII characters without spaces, at least one letter and one digit. */
    public static String password(CommandFields fields, RequestField field) {
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
    public static Game game(CommandFields fields) {
        String code = fields.requiredString(RequestField.GAME);
        return Game.fromCode(code).orElseThrow(() -> new GatewayException(Errors.UNKNOWN_GAME, RequestField.GAME, Map.of()));
    }

    /** Platform: PC, H5 or APP; default PC. */
    public static String platform(CommandFields fields) {
        String platform = fields.optionalString(RequestField.PLATFORM).orElse("PC").toUpperCase(Locale.ROOT);
        if (!platform.equals("PC") && !platform.equals("H5") && !platform.equals("APP")) {
            throw new GatewayException(Errors.INVALID_PLATFORM, RequestField.PLATFORM, Map.of());
        }
        return platform;
    }

    /** Language of the game: zh-CN or en; default zh-CN. */
    public static String language(CommandFields fields) {
        String language = fields.optionalString(RequestField.LANGUAGE).orElse("zh-CN");
        if (language.equalsIgnoreCase("zh-CN")) {
            return "zh-CN";
        }
        if (language.equalsIgnoreCase("en")) {
            return "en";
        }
        throw new GatewayException(Errors.INVALID_LANGUAGE, RequestField.LANGUAGE, Map.of());
    }

    /** GameId: optional, 1–64 characters of {@code [A-Za-z0-9_-]}. */
    public static String gameId(CommandFields fields) {
        String id = fields.optionalString(RequestField.GAME_ID).orElse(null);
        if (id != null && (id.length() > 64 || !GAME_ID.matcher(id).matches())) {
            throw new GatewayException(Errors.INVALID_GAME_ID, RequestField.GAME_ID, Map.of());
        }
        return id;
    }

    /** The most one transfer may move (SPEC §4). */
    public static final java.math.BigDecimal MAX_MONEY = new java.math.BigDecimal("1000000.00");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private static final Pattern ORDER_CHARS = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Money: a JSON number or a decimal string, above zero, at most two decimals, at most
     * 1,000,000.00; exact decimal arithmetic throughout, never floating point.
     */
    public static java.math.BigDecimal money(CommandFields fields) {
        com.beiying.gateway.messaging.FieldInput input = fields.raw().get(RequestField.MONEY.jsonName());
        if (input == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, RequestField.MONEY);
        }
        String text = switch (input.kind()) {
            case NULL -> throw GatewayException.field(Errors.FIELD_NULL, RequestField.MONEY);
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
        java.math.BigDecimal value;
        try {
            value = new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
        }
        if (value.signum() < 0) {
            throw new GatewayException(Errors.NEGATIVE_AMOUNT, RequestField.MONEY, Map.of());
        }
        if (value.signum() == 0) {
            throw new GatewayException(Errors.ZERO_AMOUNT, RequestField.MONEY, Map.of());
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.MONEY, Map.of("max", "1000000.00"));
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.MONEY);
        }
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** Lock: a JSON boolean, or the string true/false. */
    public static boolean lock(CommandFields fields) {
        com.beiying.gateway.messaging.FieldInput input = fields.raw().get(RequestField.LOCK.jsonName());
        if (input == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, RequestField.LOCK);
        }
        if (input.kind() == com.beiying.gateway.messaging.FieldInput.Kind.NULL) {
            throw GatewayException.field(Errors.FIELD_NULL, RequestField.LOCK);
        }
        String text = input.text() == null ? "" : input.text().trim().toLowerCase(Locale.ROOT);
        boolean typed = input.kind() == com.beiying.gateway.messaging.FieldInput.Kind.BOOLEAN
                || input.kind() == com.beiying.gateway.messaging.FieldInput.Kind.STRING;
        if (!typed || !(text.equals("true") || text.equals("false"))) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.LOCK);
        }
        return text.equals("true");
    }

    /** OrderID: 6–32 characters of {@code [A-Za-z0-9_-]}. */
    public static String orderId(CommandFields fields) {
        String id = fields.requiredString(RequestField.ORDER_ID);
        if (!ORDER_CHARS.matcher(id).matches()) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.ORDER_ID);
        }
        checkLength(RequestField.ORDER_ID, id, 6, 32);
        return id;
    }

    /** Action: IN or OUT; anything else, or nothing, is TRANSFER_NO_ACTION. */
    public static String action(CommandFields fields) {
        com.beiying.gateway.messaging.FieldInput input = fields.raw().get(RequestField.ACTION.jsonName());
        String action = input == null || input.kind() != com.beiying.gateway.messaging.FieldInput.Kind.STRING
                || input.text() == null ? "" : input.text().trim().toUpperCase(Locale.ROOT);
        if (!action.equals("IN") && !action.equals("OUT")) {
            throw new GatewayException(Errors.NO_ACTION, RequestField.ACTION, Map.of());
        }
        return action;
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
