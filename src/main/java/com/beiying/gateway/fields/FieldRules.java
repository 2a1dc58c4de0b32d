package com.beiying.gateway.fields;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.RecordsBy;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.security.Cidr;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every field rule of the API (docs/api.md), each mapped onto its catalogued
 * error, written once over {@link Fields} for {@code /v1}, the admin API and Kafka-native commands.
 */
public final class FieldRules {
    /** The most one transfer may move (docs/api.md). */
    public static final BigDecimal MAX_MONEY = new BigDecimal("1000000.00");
    /** The largest credit line the admin API sets. */
    public static final BigDecimal MAX_CREDIT = new BigDecimal("1000000000.00");

    /** Currencies the providers are run in; an operator's currency is one of them. */
    public static final Set<String> CURRENCIES = Set.of("CNY", "USD", "HKD", "TWD", "THB", "VND", "MYR", "IDR", "PHP", "KRW",
            "JPY", "INR", "EUR");

    private static final Pattern USER_NAME = Pattern.compile("[a-z][a-z0-9]{3,15}");
    private static final Pattern GAME_ID = Pattern.compile("[A-Za-z0-9_-]+");
    /** A plain decimal as the API accepts it: digits, at most one point, an optional leading minus (refused as negative). */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private static final String GAMES_EXPECTED = String.join(" / ", Arrays.stream(Game.values()).map(Game::code).toList());
    private static final Pattern ORDER_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** A host, or an https origin with an optional port and at most a bare trailing slash. */
    private static final Pattern LAUNCH_DOMAIN = Pattern.compile("(https://)?([A-Za-z0-9.-]+)(?::(\\d{1,5}))?/?");
    private static final String LAUNCH_DOMAIN_FORMS = "play.example.com / https://play.example.com[:port]";
    private static final int MAX_LIST = 256;

    private FieldRules() {
    }

    // ---- Members and games (docs/api.md) ------------------------------------------------------------

    /**
     * UserName: lower-cased, then {@code ^[a-z][a-z0-9]{3,15}$}; a name that breaks the rule is
     * BADNAME 2024 (absent, null, blank or not a string are the generic field errors).
     */
    public static String userName(Fields fields) {
        String name = fields.requiredString(RequestField.USER_NAME).toLowerCase(Locale.ROOT);
        if (!USER_NAME.matcher(name).matches()) {
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

    /** Game: one of the eight provider codes. */
    public static Game game(Fields fields) {
        return gameCode(fields.requiredString(RequestField.GAME), RequestField.GAME);
    }

    /** Platform: PC, H5 or APP (any case); default PC. */
    public static String platform(Fields fields) {
        String platform = fields.optionalString(RequestField.PLATFORM).orElse("PC").toUpperCase(Locale.ROOT);
        if (!platform.equals("PC") && !platform.equals("H5") && !platform.equals("APP")) {
            throw expected(Errors.INVALID_PLATFORM, RequestField.PLATFORM, "PC / H5 / APP");
        }
        return platform;
    }

    /** Language of the game: zh-CN or en (any case); default zh-CN. */
    public static String language(Fields fields) {
        String language = fields.optionalString(RequestField.LANGUAGE).orElse("zh-CN");
        if (language.equalsIgnoreCase("zh-CN")) {
            return "zh-CN";
        }
        if (language.equalsIgnoreCase("en")) {
            return "en";
        }
        throw expected(Errors.INVALID_LANGUAGE, RequestField.LANGUAGE, "zh-CN / en");
    }

    /** GameId: optional, at most 64 characters of {@code [A-Za-z0-9_-]}; anything else names no game (2022). */
    public static String gameId(Fields fields) {
        String id = fields.optionalString(RequestField.GAME_ID).orElse(null);
        if (id != null) {
            checkLength(RequestField.GAME_ID, id, 1, 64);
            if (!GAME_ID.matcher(id).matches()) {
                throw GatewayException.field(Errors.GAME_NOT_FOUND, RequestField.GAME_ID);
            }
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

    // ---- Money (docs/api.md) ---------------------------------------------------------------------

    /**
     * Money: a JSON number or a plain decimal string (digits and one point: no spaces, sign or
     * exponent), above zero, at most two decimals, at most 1,000,000.00; exact decimal arithmetic
     * throughout, never floating point. Each fault has its seed id: not a number 2020, negative
     * 2027, zero 2034, more than two decimals 2038, above the maximum 2009.
     */
    public static BigDecimal money(Fields fields) {
        FieldInput input = fields.required(RequestField.MONEY);
        boolean numeric = input.kind() == FieldInput.Kind.NUMBER || input.kind() == FieldInput.Kind.STRING;
        if (!numeric || input.isSealed() || input.text() == null || !DECIMAL.matcher(input.text()).matches()) {
            throw GatewayException.field(Errors.INVALID_AMOUNT_TYPE, RequestField.MONEY);
        }
        BigDecimal value = new BigDecimal(input.text());
        if (value.signum() < 0) {
            throw GatewayException.field(Errors.NEGATIVE_AMOUNT, RequestField.MONEY);
        }
        if (value.signum() == 0) {
            throw GatewayException.field(Errors.ZERO_AMOUNT, RequestField.MONEY);
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw GatewayException.field(Errors.TOO_MANY_DECIMALS, RequestField.MONEY);
        }
        if (value.compareTo(MAX_MONEY) > 0) {
            throw new GatewayException(Errors.FIELD_ABOVE_MAXIMUM, RequestField.MONEY, Map.of("max", MAX_MONEY.toPlainString()));
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

    /** Action: exactly IN or OUT; its faults carry TRANSFER_NO_ACTION (missing 2001, anything else 2006). */
    public static Direction action(Fields fields) {
        String word = fields.requiredString(RequestField.ACTION);
        return Direction.fromWord(word).orElseThrow(() -> expected(Errors.FIELD_INVALID, RequestField.ACTION, "IN / OUT"));
    }

    // ---- Bet records (docs/api.md, "Bet records") -------------------------------------------------------

    /** The longest window a bet-record query covers. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** How far back a bet-record window may start. */
    public static final Duration MAX_AGE = Duration.ofDays(60);
    /** The most records one page holds. */
    public static final int MAX_PAGE_SIZE = 500;

    /** A validated bet-record window: {@code [start, end]}. */
    public record Window(Instant start, Instant end) {
    }

    /**
     * StartTime and EndTime of a bet-record query, each an ISO-8601 date-time with an offset, or
     * without one (then read in the operator's {@code zone}), or a bare date (its first instant
     * there). Then the window rules: StartTime after EndTime is 2029; a window longer than
     * {@link #MAX_WINDOW}, a StartTime in the future or more than {@link #MAX_AGE} ago is 2037.
     */
    public static Window betWindow(Fields fields, ZoneId zone, Instant now) {
        Instant start = time(fields, RequestField.START_TIME, zone);
        Instant end = time(fields, RequestField.END_TIME, zone);
        if (start.isAfter(end)) {
            throw new GatewayException(Errors.DATE_RANGE_REVERSED);
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0 || start.isAfter(now) || start.isBefore(now.minus(MAX_AGE))) {
            throw new GatewayException(Errors.TIME_INTERVAL);
        }
        return new Window(start, end);
    }

    /** A time field read as {@link #betWindow} describes. */
    public static Instant time(Fields fields, RequestField field, ZoneId zone) {
        String text = fields.requiredString(field).trim();
        checkLength(field, text, 10, 40);
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeParseException notADateTime) {
                try {
                    return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw expected(Errors.FIELD_INVALID, field, "2026-12-02T08:00:00+08:00 / 2026-12-02T08:00:00 / 2026-12-02");
                }
            }
        }
    }

    /** The longest span of days a report covers. */
    public static final int MAX_REPORT_DAYS = 366;

    /** A report's days, {@code from} to {@code to} inclusive. */
    public record Days(LocalDate from, LocalDate to) {
    }

    /**
     * From and To of a report: dates ({@code 2026-12-02}) in the operator's time zone, inclusive;
     * From after To is 2036, more than {@value #MAX_REPORT_DAYS} days is 2037.
     */
    public static Days reportDays(Fields fields) {
        LocalDate from = date(fields, RequestField.FROM);
        LocalDate to = date(fields, RequestField.TO);
        if (from.isAfter(to)) {
            throw new GatewayException(Errors.FROM_AFTER_TO);
        }
        if (from.plusDays(MAX_REPORT_DAYS).isBefore(to.plusDays(1))) {
            throw new GatewayException(Errors.TIME_INTERVAL);
        }
        return new Days(from, to);
    }

    private static LocalDate date(Fields fields, RequestField field) {
        String text = fields.requiredString(field).trim();
        checkLength(field, text, 10, 10);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw expected(Errors.FIELD_INVALID, field, "2026-12-02");
        }
    }

    /** OperatorId: an operator's id as the admin API gave it. */
    public static String operatorId(Fields fields) {
        return string(fields, RequestField.OPERATOR_ID, 1, 64);
    }

    /** By: UpdatedAt (default), BetTime or SettledAt, in any case. */
    public static RecordsBy recordsBy(Fields fields) {
        return fields.optionalString(RequestField.BY).map(word -> RecordsBy.fromWord(word)
                .orElseThrow(() -> expected(Errors.FIELD_INVALID, RequestField.BY, "UpdatedAt / BetTime / SettledAt")))
                .orElse(RecordsBy.UPDATED_AT);
    }

    /** Page: an integer from 1 (default) to 100,000. */
    public static int page(Fields fields) {
        return fields.optionalInteger(RequestField.PAGE, 1, 100_000).orElse(1);
    }

    /** PageSize: an integer from 1 to {@value #MAX_PAGE_SIZE}; default 100. */
    public static int pageSize(Fields fields) {
        return fields.optionalInteger(RequestField.PAGE_SIZE, 1, MAX_PAGE_SIZE).orElse(100);
    }

    /** Game of a bet-record query: optional, else one of the eight codes. */
    public static Optional<Game> optionalGame(Fields fields) {
        return fields.optionalString(RequestField.GAME).map(code -> gameCode(code, RequestField.GAME));
    }

    /** Cursor of the feed: optional, at most 128 characters (its meaning is the feed's to check). */
    public static Optional<String> cursor(Fields fields) {
        Optional<String> cursor = fields.optionalString(RequestField.CURSOR);
        cursor.ifPresent(c -> checkLength(RequestField.CURSOR, c, 1, 128));
        return cursor;
    }

    /**
     * BetId: {@code <Game>-<ProviderBetId>}; a string that cannot be one (no known game before the
     * dash, or characters no provider uses) is a bet that does not exist, like an unknown id.
     */
    public static String betId(Fields fields) {
        String id = fields.requiredString(RequestField.BET_ID);
        checkLength(RequestField.BET_ID, id, 3, 128);
        return id;
    }

    /** TimeZone: an IANA zone id (Asia/Shanghai) or a fixed offset (+08:00); empty when absent. */
    public static Optional<ZoneId> timeZone(Fields fields) {
        return fields.optionalString(RequestField.TIME_ZONE).map(text -> {
            checkLength(RequestField.TIME_ZONE, text, 1, 64);
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw expected(Errors.FIELD_INVALID, RequestField.TIME_ZONE, "Asia/Shanghai / UTC / +08:00");
            }
        });
    }

    // ---- Operators (admin API, docs/api.md) ------------------------------------------------------------

    /** Name: 1–64 characters. */
    public static String operatorName(Fields fields) {
        return string(fields, RequestField.NAME, 1, 64);
    }

    /** Currency: one of {@link #CURRENCIES}; anything else is an unsupported currency (2026). */
    public static String currency(Fields fields) {
        String c = fields.requiredString(RequestField.CURRENCY);
        if (!CURRENCIES.contains(c)) {
            throw expected(Errors.UNSUPPORTED_CURRENCY, RequestField.CURRENCY, String.join(" / ", CURRENCIES.stream().sorted().toList()));
        }
        return c;
    }

    /**
     * LaunchDomain: a host name ({@code play.example.com}) or an https origin
     * ({@code https://play.example.com}, optionally with a port), normalised once to
     * {@code host[:port]} in lower case; absent or null for none. A path, query, fragment,
     * credentials or another scheme is refused.
     */
    public static String launchDomain(Fields fields) {
        String d = fields.optionalString(RequestField.LAUNCH_DOMAIN).orElse(null);
        if (d == null) {
            return null;
        }
        checkLength(RequestField.LAUNCH_DOMAIN, d, 1, 300);
        Matcher m = LAUNCH_DOMAIN.matcher(d);
        if (!m.matches() || !DOMAIN.matcher(m.group(2)).matches()) {
            throw expected(Errors.FIELD_INVALID, RequestField.LAUNCH_DOMAIN, LAUNCH_DOMAIN_FORMS);
        }
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(3);
        if (port == null || port.equals("443")) {
            return host;
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535 || port.startsWith("0")) {
            throw expected(Errors.FIELD_INVALID, RequestField.LAUNCH_DOMAIN, LAUNCH_DOMAIN_FORMS);
        }
        return host + ":" + number;
    }

    /** ErrorFormat: BEIYING or RGS (any case); empty when absent. */
    public static Optional<ErrorFormat> errorFormat(Fields fields) {
        return fields.optionalString(RequestField.ERROR_FORMAT).map(f -> {
            for (ErrorFormat format : ErrorFormat.values()) {
                if (format.name().equalsIgnoreCase(f)) {
                    return format;
                }
            }
            throw expected(Errors.FIELD_INVALID, RequestField.ERROR_FORMAT, "BEIYING / RGS");
        });
    }

    /** Status: ACTIVE or SUSPENDED (any case); true for active. */
    public static boolean operatorActive(Fields fields) {
        String s = fields.requiredString(RequestField.STATUS);
        if (s.equalsIgnoreCase("ACTIVE")) {
            return true;
        }
        if (s.equalsIgnoreCase("SUSPENDED")) {
            return false;
        }
        throw expected(Errors.FIELD_INVALID, RequestField.STATUS, "ACTIVE / SUSPENDED");
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

    /** Games: provider codes. */
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

    /** A game named in a path or field: one of the eight codes, else TYPE_ERROR 2017. */
    public static Game gameCode(String code, RequestField field) {
        return Game.fromCode(code).orElseThrow(() -> expected(Errors.UNKNOWN_GAME, field, GAMES_EXPECTED));
    }

    /** A refusal that names the values the field takes. */
    private static GatewayException expected(Errors error, RequestField field, String allowed) {
        return new GatewayException(error, field, Map.of("expected", allowed));
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
