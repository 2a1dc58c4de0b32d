package com.beiying.gateway.error;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The error catalog: every answer the gateway can give, in the style of Kafka's {@code Errors}.
 * Each entry has a stable name (never renamed, it travels in replies as {@code errorName}), the
 * Beiying {@code Code} of the seed API, the RGS {@code error_id}/{@code error_code} where one
 * exists, the HTTP status, whether retrying the same request can succeed, and message templates
 * in zh-CN and en. Placeholders are {@code {field}}, {@code {min}} and {@code {max}}.
 *
 * <p>Field-validation entries (RGS 2001–2011) take their Beiying code and RGS code from the
 * {@link RequestField} at fault. The catalog checks itself when the class loads, so a duplicate
 * RGS id, a missing seed code or a missing id in 2001–2038 stops the gateway at start-up.
 */
public enum Errors {
    /** The request succeeded. */
    SUCCESS("Success", null, null, 200, false,
            "成功", "Success."),

    // ---- Field validation: RGS 2001-2011, code from the field ------------------------------
    /** A required field is absent from the body (RGS 2001). */
    FIELD_REQUIRED(null, 2001, null, 400, false,
            "{field}为必填项。", "{field} is required."),
    /** A field is JSON null (RGS 2002). */
    FIELD_NULL(null, 2002, null, 400, false,
            "{field}不能为null。", "{field} should not be null."),
    /** A string field is empty or only spaces (RGS 2003). */
    FIELD_BLANK(null, 2003, null, 400, false,
            "{field}不能为空。", "{field} should not be blank."),
    /** A string field is shorter than its minimum (RGS 2004). */
    FIELD_TOO_SHORT(null, 2004, null, 400, false,
            "{field}长度至少为{min}个字符。", "{field} should be at least {min} characters long."),
    /** A string field is longer than its maximum (RGS 2005). */
    FIELD_TOO_LONG(null, 2005, null, 400, false,
            "{field}长度不能超过{max}个字符。", "{field} should not be more than {max} characters."),
    /** A field has the wrong JSON type, characters or form (RGS 2006). */
    FIELD_INVALID(null, 2006, null, 400, false,
            "{field}格式无效。", "String is invalid."),
    /** Reserved (RGS 2007): no request field of SPEC §4 is an e-mail address. */
    FIELD_INVALID_EMAIL(null, 2007, null, 400, false,
            "邮箱格式无效。", "Email is invalid.",
            "no request field of SPEC §4 is an e-mail address"),
    /** A field that must be an integer is not one (RGS 2008). */
    FIELD_NOT_INTEGER(null, 2008, null, 400, false,
            "{field}必须是有效的整数。", "A valid integer is required."),
    /** A numeric field is above its maximum (RGS 2009). */
    FIELD_ABOVE_MAXIMUM(null, 2009, null, 400, false,
            "{field}不能大于{max}。", "The value should be equal or less than {max}."),
    /** A numeric field is below its minimum (RGS 2010). */
    FIELD_BELOW_MINIMUM(null, 2010, null, 400, false,
            "{field}不能小于{min}。", "The value should be equal or more than {min}."),
    /** A string field is absurdly large, far beyond any valid value (RGS 2011). */
    FIELD_TOO_LARGE(null, 2011, null, 400, false,
            "{field}的值过长。", "Too large string value."),

    // ---- Authentication and request form (SPEC §3, §4) ---------------------------------------
    /** No {@code Authorization} header, or an ApiKey nobody holds (RGS 2015). */
    UNKNOWN_API_KEY("Authorization", 2015, "INVALID_API_KEY", 401, false,
            "API密钥缺失或无效。", "Invalid API key."),
    /** Signature missing or wrong, or the nonce was used before (RGS 2032). */
    BAD_SIGNATURE("Sign", 2032, "OPERATOR_AUTHENTICATION_FAIL", 401, false,
            "签名验证失败。", "Operator authentication failed."),
    /** {@code X-Timestamp} missing, malformed or more than 60 s from server time. */
    STALE_TIMESTAMP("TIMEOUT", null, null, 401, false,
            "请求时间戳缺失或与服务器时间相差超过60秒。",
            "The request timestamp is missing or more than 60 seconds from server time."),
    /** The client IP is not in the operator's allowlist. */
    IP_NOT_ALLOWED("IP", null, null, 403, false,
            "客户端IP不在白名单内。", "The client IP is not in the operator's allowlist."),
    /** The operator is suspended. */
    OPERATOR_SUSPENDED("STATUS", null, null, 403, false,
            "运营商已被停用。", "The operator is suspended."),
    /** The body is not a JSON object of at most 16 KiB, or a header is malformed. */
    INVALID_CONTENT("CONTENT", null, null, 400, false,
            "请求内容无效:必须是不超过16KiB的JSON对象。",
            "Invalid request content: the body must be a JSON object of at most 16 KiB."),
    /** No such route, or no such request for this operator. */
    NOT_FOUND("NOTFOUND", null, null, 404, false,
            "请求的资源不存在。", "No such resource."),
    /** The route exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED("METHOD", null, null, 405, false,
            "不支持该HTTP方法。", "HTTP method not allowed for this resource."),
    /** The reply did not arrive within the ingress timeout; query it by RequestId later. */
    REPLY_TIMEOUT("TIMEOUT", null, null, 504, true,
            "请求处理超时,请稍后用RequestId查询结果。",
            "The request is still being processed; query its outcome by RequestId."),
    /** The operator sent more requests than its rate limit allows. */
    RATE_LIMITED("BUSY", null, null, 429, true,
            "请求过于频繁,请稍后再试。", "Too many requests; please slow down."),
    /** An unexpected failure inside the gateway; nothing was changed. */
    INTERNAL_ERROR("ERROR", null, null, 500, true,
            "系统内部错误,请稍后重试。", "Internal error; please retry later."),

    // ---- Members (SPEC §4) ---------------------------------------------------------------------
    /** The UserName breaks the member-name rule (RGS 2024). */
    INVALID_USERNAME("BADNAME", 2024, "INVALID_USERNAME", 400, false,
            "用户名必须以字母开头,由4-16位小写字母和数字组成。",
            "User name must start with a letter and be 4-16 lower-case letters and digits."),
    /** The UserName is taken under this operator (RGS 2031). */
    USER_EXISTS("EXISTSUSER", 2031, "USER_ALREADY_EXISTS", 409, false,
            "用户名已存在。", "User name already exists."),
    /** No member of this operator has the UserName (RGS 2026). */
    USER_NOT_FOUND("NOUSER", 2026, "USER_NOT_FOUND", 404, false,
            "用户不存在。", "User not found."),
    /** The member is locked (RGS 2033). */
    USER_LOCKED("USERLOCK", 2033, "USER_LOCKED", 403, false,
            "用户已被锁定。", "User is locked."),
    /** The current password given does not match (RGS 2012). */
    WRONG_PASSWORD("BADPASSWORD", 2012, "WRONG_PASSWORD", 400, false,
            "当前密码错误。", "The current password is wrong."),
    /** The new password equals the current one (RGS 2025). */
    SAME_PASSWORD("BADPASSWORD", 2025, "SAME_PASSWORD", 400, false,
            "新密码不能与当前密码相同。", "The new password must differ from the current one."),
    /** Reserved (RGS 2013): the gateway issues no member tokens; sessions belong to providers. */
    INVALID_TOKEN("Sign", 2013, "INVALID_TOKEN", 401, false,
            "令牌无效。", "Invalid token.",
            "the gateway API authenticates operators by signature and issues no member tokens"),
    /** Reserved (RGS 2014): the gateway issues no member tokens, so none can expire. */
    TOKEN_EXPIRED("Sign", 2014, "TOKEN_EXPIRED", 401, false,
            "令牌已过期。", "Token expired.",
            "the gateway API issues no member tokens, so none can expire"),
    /** Reserved (RGS 2016): currency is fixed per operator and no request carries one. */
    INVALID_CURRENCY("CONTENT", 2016, "INVALID_CURRENCY", 400, false,
            "币种无效。", "Invalid currency.",
            "the currency is an operator setting and no request carries a currency field"),

    // ---- Games and providers (SPEC §2, §4) -----------------------------------------------------
    /** Game is not one of the eight provider codes (RGS 2017). */
    UNKNOWN_GAME("TYPE_ERROR", 2017, "INVALID_PROVIDER", 400, false,
            "游戏类型错误。", "Unknown game provider."),
    /** GameId names no game offered by the provider (RGS 2018). */
    GAME_NOT_FOUND("TYPE_ERROR", 2018, "GAME_NOT_FOUND", 400, false,
            "该游戏不存在。", "The provider offers no game with this GameId."),
    /** Platform is not PC, H5 or APP (RGS 2019). */
    INVALID_PLATFORM("CONTENT", 2019, "INVALID_PLATFORM", 400, false,
            "平台无效,应为PC、H5或APP。", "Invalid platform: expected PC, H5 or APP."),
    /** The game is not enabled for this operator (RGS 2020). */
    GAME_NOT_ENABLED("CONFIGERROR", 2020, "PROVIDER_DISABLED", 403, false,
            "运营商未开通该游戏。", "This game is not enabled for the operator."),
    /** The provider is unhealthy, its circuit is open or its bulkhead full (RGS 2021). */
    PROVIDER_BUSY("BUSY", 2021, "PROVIDER_UNAVAILABLE", 503, true,
            "游戏厂商繁忙,请稍后再试。", "The game provider is busy; please retry later."),
    /** GameId is malformed (RGS 2022). */
    INVALID_GAME_ID("CONTENT", 2022, "INVALID_GAME_ID", 400, false,
            "游戏ID无效。", "Invalid game id."),
    /** Language is not zh-CN or en (RGS 2023). */
    INVALID_LANGUAGE("CONTENT", 2023, "INVALID_LANGUAGE", 400, false,
            "语言无效,应为zh-CN或en。", "Invalid language: expected zh-CN or en."),
    /** The game is under maintenance. */
    GAME_MAINTENANCE("MAINTENANCE", null, null, 503, true,
            "游戏维护中。", "The game is under maintenance."),
    /** Login needs the operator's launch domain, which is not configured. */
    NO_LAUNCH_DOMAIN("DOMAIN", null, null, 409, false,
            "运营商未配置游戏启动域名。", "The operator has no launch domain configured."),
    /** The provider does not support the operation. */
    NOT_SUPPORTED("NOTSUPPORT", null, null, 501, false,
            "游戏厂商不支持该操作。", "The game provider does not support this operation."),

    // ---- Money (SPEC §4, §5, §7) ---------------------------------------------------------------
    /** Money is negative (RGS 2027). */
    NEGATIVE_AMOUNT("BADMONEY", 2027, "NEGATIVE_AMOUNT", 400, false,
            "金额不能为负数。", "Amount must not be negative."),
    /** Money is zero (RGS 2034). */
    ZERO_AMOUNT("BADMONEY", 2034, "ZERO_AMOUNT", 400, false,
            "金额不能为零。", "Amount must not be zero."),
    /** The member's provider balance is below the amount to transfer out (RGS 2028, sic). */
    INSUFFICIENT_BALANCE("NOBALANCE", 2028, "INSUFFICINT_BALANCE", 422, false,
            "余额不足。", "Insufficient balance."),
    /** The operator's credit line for the game is below the amount (RGS 2038). */
    INSUFFICIENT_CREDIT("NOCREDIT", 2038, "INSUFFICIENT_CREDIT", 422, false,
            "运营商额度不足。", "Insufficient operator credit for this game."),
    /** The OrderID is taken by an order with different content (RGS 2030). */
    ORDER_CONFLICT("EXISTSORDER", 2030, "DUPLICATE_TRANSACTION", 409, false,
            "订单号已存在且内容不同。", "The OrderID exists with different content."),
    /** Unknown OrderID on order query (RGS 2035). */
    ORDER_NOT_FOUND("NOORDER", 2035, "TRANSACTION_NOT_FOUND", 404, false,
            "订单不存在。", "Order not found."),
    /** Action missing or not IN/OUT. */
    NO_ACTION("TRANSFER_NO_ACTION", null, null, 400, false,
            "转账方向缺失或无效,应为IN或OUT。", "Transfer action missing or invalid: expected IN or OUT."),
    /** The provider's outcome is not known yet; the gateway settles it (SPEC §7). */
    PROCESSING("PROCCESSING", null, null, 202, true,
            "订单处理中,请稍后查询。", "The order is being processed; query it later."),
    /** Bet-record window ends before it starts (RGS 2029). */
    INVALID_DATE_RANGE("DATEEROOR", 2029, "INVALID_DATE_RANGE", 400, false,
            "结束时间早于开始时间。", "End time is before start time."),
    /** Bet-record window starts more than 60 days ago (RGS 2036). */
    DATE_TOO_OLD("DATEEROOR", 2036, "DATE_TOO_OLD", 400, false,
            "开始时间不能早于60天前。", "Start time must be within the last 60 days."),
    /** Bet-record window is longer than 7 days (RGS 2037). */
    DATE_RANGE_TOO_LONG("DATEEROOR", 2037, "DATE_RANGE_TOO_LONG", 400, false,
            "查询时间范围不能超过7天。", "The time window must not exceed 7 days."),
    /** The OrderID breaks the order-id rule. */
    INVALID_ORDER_ID("BANORDER", null, null, 400, false,
            "订单号必须为6-32位字母、数字、下划线或连字符。",
            "OrderID must be 6-32 characters of letters, digits, '_' or '-'.");

    /** The 30 codes of the seed API; each must be produced by at least one entry. */
    public static final Set<String> SEED_CODES = Set.of(
            "Success", "Authorization", "Sign", "TIMEOUT", "IP", "STATUS", "CONTENT", "BADNAME",
            "EXISTSUSER", "NOUSER", "USERLOCK", "BADPASSWORD", "TYPE_ERROR", "CONFIGERROR",
            "MAINTENANCE", "BUSY", "DOMAIN", "BADMONEY", "BANORDER", "TRANSFER_NO_ACTION",
            "NOCREDIT", "NOBALANCE", "PROCCESSING", "NOORDER", "DATEEROOR", "EXISTSORDER",
            "ERROR", "NOTFOUND", "METHOD", "NOTSUPPORT");

    private static final Map<Integer, Errors> BY_RGS_ID;

    static {
        BY_RGS_ID = Collections.unmodifiableMap(verify(List.of(values())));
    }

    private final String code;
    private final Integer rgsId;
    private final String rgsCode;
    private final int httpStatus;
    private final boolean retriable;
    private final String zh;
    private final String en;
    private final String reservedReason;

    Errors(String code, Integer rgsId, String rgsCode, int httpStatus, boolean retriable, String zh, String en) {
        this(code, rgsId, rgsCode, httpStatus, retriable, zh, en, null);
    }

    Errors(String code, Integer rgsId, String rgsCode, int httpStatus, boolean retriable,
           String zh, String en, String reservedReason) {
        this.code = code;
        this.rgsId = rgsId;
        this.rgsCode = rgsCode;
        this.httpStatus = httpStatus;
        this.retriable = retriable;
        this.zh = zh;
        this.en = en;
        this.reservedReason = reservedReason;
    }

    /** True for the RGS 2001–2011 entries, whose code comes from the field at fault. */
    public boolean isFieldValidation() {
        return code == null;
    }

    /** The Beiying code; for field-validation entries the field's own code. */
    public String code(RequestField field) {
        if (code != null) {
            return code;
        }
        return field == null ? "CONTENT" : field.beiyingCode();
    }

    /** The RGS error id, if this entry has one. */
    public Optional<Integer> rgsId() {
        return Optional.ofNullable(rgsId);
    }

    /** The RGS error code; for field-validation entries {@code INVALID_<FIELD>}. */
    public Optional<String> rgsCode(RequestField field) {
        if (isFieldValidation()) {
            return Optional.of(field == null ? "INVALID_REQUEST" : field.rgsCode());
        }
        return Optional.ofNullable(rgsCode);
    }

    /** HTTP status of the answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether sending the same request again may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /** Why an entry can never be produced, or empty when a request can trigger it. */
    public Optional<String> reservedReason() {
        return Optional.ofNullable(reservedReason);
    }

    /** The raw template in a language, placeholders unreplaced (used by the generated docs). */
    public String template(Language language) {
        return language == Language.EN ? en : zh;
    }

    /** Renders the message in a language, filling {@code {field}}, {@code {min}}, {@code {max}}. */
    public String message(Language language, RequestField field, Map<String, ?> args) {
        String text = template(language);
        if (field != null) {
            text = text.replace("{field}", language == Language.EN ? field.englishWords() : field.chineseName());
        }
        for (Map.Entry<String, ?> arg : args.entrySet()) {
            text = text.replace("{" + arg.getKey() + "}", String.valueOf(arg.getValue()));
        }
        return text;
    }

    /** The entry with an RGS error id, if any. */
    public static Optional<Errors> byRgsId(int id) {
        return Optional.ofNullable(BY_RGS_ID.get(id));
    }

    /** The entry with a stable name, or INTERNAL_ERROR for a name this version does not know. */
    public static Errors byName(String name) {
        if (name == null) {
            return INTERNAL_ERROR;
        }
        return Arrays.stream(values()).filter(e -> e.name().equals(name)).findFirst().orElse(INTERNAL_ERROR);
    }

    /**
     * Checks the catalog's invariants and indexes it by RGS id. Package-private so a test can feed
     * it a broken catalog and see it refuse.
     */
    static Map<Integer, Errors> verify(List<Errors> entries) {
        Map<Integer, Errors> byId = new HashMap<>();
        Set<String> codes = new HashSet<>();
        Set<String> rgsCodes = new HashSet<>();
        for (Errors e : entries) {
            if (e.rgsId != null) {
                Errors previous = byId.put(e.rgsId, e);
                if (previous != null) {
                    throw new IllegalStateException("RGS id " + e.rgsId + " used by " + previous + " and " + e);
                }
                if (!e.isFieldValidation() && (e.rgsCode == null || !rgsCodes.add(e.rgsCode))) {
                    throw new IllegalStateException("RGS code missing or duplicated at " + e);
                }
            }
            if (e.code != null) {
                codes.add(e.code);
            }
            if (e.zh == null || e.zh.isBlank() || e.en == null || e.en.isBlank()) {
                throw new IllegalStateException("message template missing at " + e);
            }
        }
        for (int id = 2001; id <= 2038; id++) {
            if (!byId.containsKey(id)) {
                throw new IllegalStateException("RGS id " + id + " has no catalog entry");
            }
        }
        for (RequestField field : RequestField.values()) {
            codes.add(field.beiyingCode());
        }
        Set<String> missing = new HashSet<>(SEED_CODES);
        missing.removeAll(codes);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("seed codes without a catalog entry: " + missing);
        }
        Set<String> unknown = new HashSet<>(codes);
        unknown.removeAll(SEED_CODES);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("codes outside the seed API: " + unknown);
        }
        return byId;
    }

    /** Entries with an RGS id, in id order, then the rest (for documentation). */
    public static List<Errors> documentationOrder() {
        EnumSet<Errors> all = EnumSet.allOf(Errors.class);
        return all.stream().sorted((a, b) -> Integer.compare(
                a.rgsId == null ? Integer.MAX_VALUE : a.rgsId,
                b.rgsId == null ? Integer.MAX_VALUE : b.rgsId)).toList();
    }
}
