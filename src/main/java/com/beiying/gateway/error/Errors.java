package com.beiying.gateway.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The error catalog: every answer the gateway can give, in the style of Kafka's {@code Errors}.
 * Each entry has a stable name (never renamed: it travels in replies as {@code errorName}), the
 * Beiying {@code Code} of the seed API, an RGS {@code error_id} and {@code error_code}, the HTTP
 * status, whether retrying the same request can succeed, and message templates in zh-CN and en.
 * Placeholders are {@code {field}}, {@code {min}} and {@code {max}}; an {@code expected} argument
 * appends the allowed values.
 *
 * <p>The two seed documents are binding: the Beiying codes are exactly the seed's 30 plus
 * {@code Success}; ids 2001–2038 carry the RGS seed's codes, and their messages begin with the
 * seed's words (what follows names the fault more precisely). Situations the seeds have no id
 * for get one from the gateway's own range 3001–3099, so an RGS client always reads an integer
 * {@code error_id}. Field-validation entries (2001–2011) take their Beiying code and RGS code
 * from the {@link RequestField} at fault. The catalog checks itself when the class loads.
 */
public enum Errors {
    /** The request succeeded. */
    SUCCESS("Success", null, null, 200, false,
            "成功", "Success."),

    // ---- Field validation: RGS 2001-2011, codes from the field -----------------------------------
    /** A required field is absent (RGS 2001). */
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
    /** A string field is longer than its maximum (RGS 2005; the seed's message has no full stop). */
    FIELD_TOO_LONG(null, 2005, null, 400, false,
            "{field}长度不能超过{max}个字符。", "{field} should not be more than {max} characters"),
    /** A field has the wrong JSON kind, characters or form (RGS 2006). */
    FIELD_INVALID(null, 2006, null, 400, false,
            "{field}格式无效。", "String is invalid."),
    /** Reserved (RGS 2007). */
    FIELD_INVALID_EMAIL(null, 2007, null, 400, false,
            "邮箱格式无效。", "Email is invalid.",
            "no field of the API is an e-mail address"),
    /** A field that must be an integer is not one (RGS 2008). */
    FIELD_NOT_INTEGER(null, 2008, null, 400, false,
            "{field}必须是有效的整数。", "A valid integer is required."),
    /** A number is above its maximum (RGS 2009). */
    FIELD_ABOVE_MAXIMUM(null, 2009, null, 400, false,
            "{field}不能大于{max}。", "The value should be equal or less than {max}."),
    /** A number is below its minimum (RGS 2010). */
    FIELD_BELOW_MINIMUM(null, 2010, null, 400, false,
            "{field}不能小于{min}。", "The value should be equal or more than {min}."),
    /** A string far beyond any valid value (RGS 2011). */
    FIELD_TOO_LARGE(null, 2011, null, 400, false,
            "{field}的值过长。", "Too large string value."),

    // ---- RGS 2012-2038 with the seed's codes ---------------------------------------------------------
    /** The current password given on a password change does not match (RGS 2012). */
    WRONG_PASSWORD("BADPASSWORD", 2012, "INVALID_LOGIN_CREDENTIALS", 400, false,
            "无法使用提供的凭据登录。当前密码错误。", "Unable to log in with provided credentials. The current password is wrong."),
    /** Reserved (RGS 2013). */
    MISSING_CREDENTIALS("BADPASSWORD", 2013, "INVALID_LOGIN_CREDENTIALS", 400, false,
            "必须包含用户名和密码。", "Must include username and password.",
            "a missing UserName or Password is a field error (2001) that names the field"),
    /** Reserved (RGS 2014). */
    FOREIGN_USER("NOUSER", 2014, "INVALID_LOGIN_CREDENTIALS", 404, false,
            "用户不属于该网站。", "User does not belong to this site.",
            "another operator's member answers exactly like an unknown one (2021), so that no operator learns of it"),
    /** No {@code Authorization} header, or an ApiKey nobody holds (RGS 2015). */
    UNKNOWN_API_KEY("Authorization", 2015, "INVALID_API_KEY", 401, false,
            "API 密钥无效", "Invalid API key."),
    /** A launch session that does not exist or has expired (RGS 2016). */
    INVALID_SESSION("CONTENT", 2016, "INVALID_SESSION_ID", 404, false,
            "无效会话ID:启动会话不存在或已超过10分钟。", "Invalid session id. The launch session does not exist or is older than 10 minutes."),
    /** Game is not one of the eight provider codes (RGS 2017). */
    UNKNOWN_GAME("TYPE_ERROR", 2017, "INVALID_PROVIDER", 400, false,
            "提供商无效", "Invalid provider."),
    /** Reserved (RGS 2018, the seed row that lost its id). */
    INVALID_GAME_TYPE("TYPE_ERROR", 2018, "INVALID_GAME_TYPE", 400, false,
            "游戏类型无效", "Invalid game type.",
            "no request selects a game type: Game names the provider and GameId the game (2017, 2022)"),
    /** Platform is not PC, H5 or APP (RGS 2019). */
    INVALID_PLATFORM("CONTENT", 2019, "INVALID_PLATFORM", 400, false,
            "平台无效", "Invalid platform."),
    /** Money is neither a JSON number nor a plain decimal string (RGS 2020). */
    INVALID_AMOUNT_TYPE("BADMONEY", 2020, "INVALID_AMOUNT_TYPE", 400, false,
            "金额类型无效:应为数字或纯十进制字符串,如100或100.50。",
            "Invalid amount type. Expected a number or a plain decimal string such as 100 or 100.50."),
    /** No member of this operator has the UserName (RGS 2021). */
    USER_NOT_FOUND("NOUSER", 2021, "INVALID_PLAYER_ID", 404, false,
            "玩家ID无效:用户不存在。", "Invalid player id. No such member."),
    /** GameId names no game the provider offers, or is malformed (RGS 2022). */
    GAME_NOT_FOUND("TYPE_ERROR", 2022, "INVALID_GAME_ID", 400, false,
            "游戏 ID 无效。", "Invalid game id."),
    /** Language is not zh-CN or en (RGS 2023). */
    INVALID_LANGUAGE("CONTENT", 2023, "INVALID_LANGUAGE", 400, false,
            "无效语言。", "Invalid language."),
    /** The UserName breaks the member-name rule (RGS 2024). */
    INVALID_USERNAME("BADNAME", 2024, "INVALID_USERNAME", 400, false,
            "无效的用户名。用户名以字母开头,由4-16位小写字母和数字组成。",
            "Invalid username. A user name starts with a letter and has 4-16 lower-case letters and digits."),
    /** The new password equals the current one (RGS 2025). */
    SAME_PASSWORD("BADPASSWORD", 2025, "CURRENT_NEW_PASSWORD_SAME", 400, false,
            "新密码不得与当前密码相同。", "New password must not be the same as the current password."),
    /** An operator created with a currency the providers are not run in (RGS 2026). */
    UNSUPPORTED_CURRENCY("CONTENT", 2026, "INVALID_CURRENCY", 400, false,
            "无效货币。", "Invalid currency."),
    /** Money is negative (RGS 2027). */
    NEGATIVE_AMOUNT("BADMONEY", 2027, "NEGATIVE_AMOUNT_VALUE", 400, false,
            "Amount 应该是正值。", "Amount should be a positive value."),
    /** The member's provider balance is below the amount to transfer out (RGS 2028, sic). */
    INSUFFICIENT_BALANCE("NOBALANCE", 2028, "INSUFFICINT_BALANCE", 422, false,
            "余额不足。", "Insufficient balance."),
    /** A bet-record window whose StartTime is after its EndTime (RGS 2029). */
    DATE_RANGE_REVERSED("DATEEROOR", 2029, "INVALID_STARTDATE_ENDDATE", 400, false,
            "开始日期不应晚于结束日期。", "Start date should not be later than end date."),
    /** Reserved (RGS 2030). */
    AMOUNT_ABOVE_BALANCE("NOBALANCE", 2030, "INVALID_AMOUNT_VALUE", 422, false,
            "金额应小于余额。", "Amount should be less than balance.",
            "a transfer out above the provider balance answers 2028 INSUFFICINT_BALANCE, as the contract assigns"),
    /** Reserved (RGS 2031). */
    DUPLICATE_SESSION("CONTENT", 2031, "DUPLICATE_SESSION_ID", 409, false,
            "会话 ID 重复。", "Duplicate session id.",
            "session ids are made by the gateway, never sent by an operator, so none can be a duplicate"),
    /** Signature missing or wrong (RGS 2032). */
    BAD_SIGNATURE("Sign", 2032, "OPERATOR_AUTHENTICATION_FAIL", 401, false,
            "运营商认证失败。", "Operator authentication failed."),
    /** The nonce was used before within its ten minutes (RGS 2032). */
    NONCE_REUSED("Sign", 2032, "OPERATOR_AUTHENTICATION_FAIL", 401, false,
            "运营商认证失败。该X-Nonce已被使用。", "Operator authentication failed. The X-Nonce was used before."),
    /** Reserved (RGS 2033). */
    CURRENCY_MISMATCH("CONFIGERROR", 2033, "CURRENCY_MISMATCH", 409, false,
            "运营商和 opus 之间的玩家货币不匹配", "Player currency mismatch between operator and provider.",
            "an operator's currency is fixed when it is created and every provider account is opened in it"),
    /** Money is zero (RGS 2034). */
    ZERO_AMOUNT("BADMONEY", 2034, "ZERO_AMOUNT_VALUE", 400, false,
            "金额应大于零。", "Amount should be greater than zero."),
    /** Unknown OrderID on order query (RGS 2035). */
    ORDER_NOT_FOUND("NOORDER", 2035, "TRANSACTION_NOT_FOUND", 404, false,
            "交易未找到或失败。订单号不存在。", "Transaction not found or failed. No order has this OrderID."),
    /** A transfer that ended failed at the provider for a reason other than balance (RGS 2035). */
    ORDER_FAILED("ORDER_FAILD", 2035, "TRANSACTION_NOT_FOUND", 422, false,
            "交易未找到或失败。转账在游戏厂商处失败,未发生资金变动。",
            "Transaction not found or failed. The transfer failed at the provider; no money moved."),
    /** An unknown BetId, also another operator's (RGS 2035). */
    BET_NOT_FOUND("ORDER_NOTFOUND", 2035, "TRANSACTION_NOT_FOUND", 404, false,
            "交易未找到或失败。注单不存在。", "Transaction not found or failed. No bet has this BetId."),
    /** A report's From after its To (RGS 2036). */
    FROM_AFTER_TO("DATEEROOR", 2036, "INVALID_FROM_DATE", 400, false,
            "起始日期晚于截止日期。", "From date is later than to date."),
    /** A bet-record window longer than 7 days, starting in the future or more than 60 days ago (RGS 2037). */
    TIME_INTERVAL("DATEEROOR", 2037, "INVALID_TIME_INTERVAL", 400, false,
            "时间间隔超出允许范围。查询窗口最长7天,开始时间不得晚于现在,也不得早于60天前。",
            "Time interval is out of the allowed range. A window covers at most 7 days and starts between 60 days ago and now."),
    /** Money has more than two decimals (RGS 2038). */
    TOO_MANY_DECIMALS("BADMONEY", 2038, "INVALID_MONETARY_TYPE", 400, false,
            "货币类型无效。金额最多两位小数。", "Invalid monetary type. An amount has at most two decimals."),

    // ---- The gateway's own ids, 3001-3099 ---------------------------------------------------------------
    /** The UserName is taken under this operator. */
    USER_EXISTS("EXISTSUSER", 3001, "USER_ALREADY_EXISTS", 409, false,
            "用户名已经存在。", "User name already exists."),
    /** The member is locked. */
    USER_LOCKED("USERLOCK", 3002, "USER_LOCKED", 403, false,
            "用户已锁定。", "The member is locked."),
    /** The operator's credit line for the game is below the amount. */
    INSUFFICIENT_CREDIT("NOCREDIT", 3003, "INSUFFICIENT_CREDIT", 422, false,
            "平台额度不足。", "Insufficient operator credit for this game."),
    /** The OrderID is taken by an order with different content. */
    ORDER_CONFLICT("EXISTSORDER", 3004, "DUPLICATE_ORDER_ID", 409, false,
            "订单号已经存在且内容不同。", "The OrderID exists with different content."),
    /** The game is not enabled for this operator. */
    GAME_NOT_ENABLED("CONFIGERROR", 3005, "GAME_NOT_ENABLED", 403, false,
            "配置错误:运营商未开通该游戏。", "This game is not enabled for the operator."),
    /** The game is under maintenance. */
    GAME_MAINTENANCE("MAINTENANCE", 3006, "GAME_UNDER_MAINTENANCE", 503, true,
            "系统维护中:该游戏维护中。", "The game is under maintenance."),
    /** The provider is unhealthy, its circuit is open or its bulkhead full. */
    PROVIDER_BUSY("BUSY", 3007, "PROVIDER_BUSY", 503, true,
            "系统繁忙:游戏厂商暂时不可用,请稍后再试。", "The game provider is busy; please retry later."),
    /** The operator sent more requests than its rate limit allows. */
    RATE_LIMITED("BUSY", 3008, "RATE_LIMITED", 429, true,
            "系统繁忙:请求过于频繁,请稍后再试。", "Too many requests; please slow down."),
    /** Login needs the operator's launch domain, which is not configured. */
    NO_LAUNCH_DOMAIN("DOMAIN", 3009, "LAUNCH_DOMAIN_NOT_SET", 409, false,
            "未配置域名:运营商没有游戏启动域名。", "The operator has no launch domain configured."),
    /** {@code X-Timestamp} more than the allowed skew from server time. */
    STALE_TIMESTAMP("TIMEOUT", 3010, "TIMESTAMP_OUT_OF_RANGE", 401, false,
            "X-Timestamp与服务器时间相差超过60秒。", "X-Timestamp is more than 60 seconds from server time."),
    /** {@code X-Timestamp} holds seconds where milliseconds are expected. */
    TIMESTAMP_IN_SECONDS("TIMEOUT", 3011, "TIMESTAMP_NOT_MILLISECONDS", 401, false,
            "X-Timestamp应为Unix毫秒时间戳,收到的看起来是秒。",
            "X-Timestamp must be Unix epoch milliseconds; this one looks like seconds."),
    /** The reply did not arrive within the ingress timeout; query it by RequestId later. */
    REPLY_TIMEOUT("TIMEOUT", 3012, "REPLY_TIMEOUT", 504, true,
            "请求处理超时,请稍后用RequestId查询结果。", "The request is still being processed; query its outcome by RequestId."),
    /** The client IP is not in the operator's allowlist. */
    IP_NOT_ALLOWED("IP", 3013, "IP_NOT_ALLOWED", 403, false,
            "IP未授权。", "The client IP is not in the operator's allowlist."),
    /** The operator is suspended. */
    OPERATOR_SUSPENDED("STATUS", 3014, "OPERATOR_SUSPENDED", 403, false,
            "状态错误:运营商已被停用。", "The operator is suspended."),
    /** The provider's outcome of a transfer is not known yet; the gateway settles it. */
    PROCESSING("PROCCESSING", 3015, "TRANSFER_PROCESSING", 202, true,
            "订单处理中,请稍后查询。", "The order is being processed; query it later."),
    /** No such route. */
    NOT_FOUND("NOSUPPORT", 3016, "NO_SUCH_ROUTE", 404, false,
            "不支持的操作:没有这个接口。", "No such endpoint."),
    /** The route exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED("NOSUPPORT", 3017, "METHOD_NOT_ALLOWED", 405, false,
            "不支持的操作:该接口不接受这个HTTP方法。", "This endpoint does not take this HTTP method."),
    /** The operation is not served by this gateway or in this deployment. */
    NOT_SUPPORTED("NOSUPPORT", 3018, "OPERATION_NOT_SUPPORTED", 501, false,
            "不支持的操作。", "This operation is not supported here."),
    /** {@code GET /v1/requests/{RequestId}} for a request id this operator never sent. */
    REQUEST_NOT_FOUND("CONTENT", 3019, "REQUEST_NOT_FOUND", 404, false,
            "请求不存在:该运营商没有这个RequestId。", "No request of this operator has this RequestId."),
    /** An {@code X-Request-Id} reused for a different request; nothing was executed. */
    REQUEST_ID_REUSED("CONTENT", 3020, "REQUEST_ID_REUSED", 409, false,
            "X-Request-Id已用于另一个不同的请求,本请求未执行。",
            "This X-Request-Id was used for a different request; nothing was executed."),
    /** The body is not one JSON object of at most 16 KiB. */
    INVALID_CONTENT("CONTENT", 3021, "INVALID_CONTENT", 400, false,
            "内容错误:请求体必须是不超过16KiB的JSON对象。", "Invalid request content: the body must be a JSON object of at most 16 KiB."),
    /** A command record that cannot be decoded (unknown schema fingerprint or bad body). */
    UNDECODABLE_COMMAND("CONTENT", 3022, "UNDECODABLE_COMMAND", 400, false,
            "内容错误:命令记录无法解码(未知的schema指纹或损坏的内容)。",
            "Invalid command record: unknown schema fingerprint or undecodable body."),
    /** A secret field (Password, NewPassword) that arrived in plain text on a Kafka topic. */
    SECRET_NOT_SEALED("BADPASSWORD", 3023, "SECRET_NOT_SEALED", 400, false,
            "{field}必须以运营商密钥加密后发送,明文被拒绝且未保存。",
            "{field} must arrive sealed with the operator's key; the plain text was refused and not kept."),
    /** A provider's definitive refusal that no other code names. */
    PROVIDER_REFUSED("Faild", 3024, "PROVIDER_REFUSED", 502, false,
            "通用错误:游戏厂商拒绝了该请求。", "The game provider refused the request."),
    /** An unexpected failure inside the gateway; nothing was changed. */
    INTERNAL_ERROR("Exception", 3025, "INTERNAL_ERROR", 500, true,
            "系统异常,请稍后重试。", "Internal error; please retry later."),
    /** The admin API's {@code X-Admin-Token} is missing or wrong. */
    INVALID_ADMIN_TOKEN("Authorization", 3026, "INVALID_ADMIN_TOKEN", 401, false,
            "密钥错误:X-Admin-Token缺失或无效。", "The X-Admin-Token header is missing or wrong."),
    /** The admin API names an operator that does not exist. */
    OPERATOR_NOT_FOUND("CONTENT", 3027, "OPERATOR_NOT_FOUND", 404, false,
            "运营商不存在。", "No operator has this OperatorId."),
    /** A provider refused the gateway's credentials or signature: the provider's configuration is wrong. */
    PROVIDER_CREDENTIALS_REJECTED("CONFIGERROR", 3028, "PROVIDER_CREDENTIALS_REJECTED", 502, false,
            "配置错误:游戏厂商拒绝了网关的凭据或签名。", "The game provider refused the gateway's credentials or signature."),
    /**
     * More password-hashing commands (register, password change) in flight at this ingress than the
     * cores finish within the reply timeout: refused at once, nothing stored, rather than a TIMEOUT.
     */
    GATEWAY_BUSY("BUSY", 3029, "GATEWAY_BUSY", 503, true,
            "系统繁忙:网关正忙,请稍后再试。", "The gateway is busy; please retry shortly.");

    /** The 30 codes of the seed API and {@code Success}: no other Code exists. */
    public static final Set<String> SEED_CODES = Set.of(
            "Success", "NOUSER", "BADNAME", "BADPASSWORD", "EXISTSUSER", "BADMONEY", "BANORDER", "EXISTSORDER", "NOORDER",
            "TRANSFER_NO_ACTION", "IP", "USERLOCK", "NOBALANCE", "NOCREDIT", "Authorization", "Faild", "DOMAIN", "CONTENT",
            "Sign", "NOSUPPORT", "TIMEOUT", "STATUS", "CONFIGERROR", "DATEEROOR", "ORDER_NOTFOUND", "TYPE_ERROR",
            "MAINTENANCE", "PROCCESSING", "ORDER_FAILD", "BUSY", "Exception");

    /** The gateway's own id range, for situations no seed id fits. */
    public static final int OWN_IDS_FROM = 3001;
    /** The end of the gateway's own id range. */
    public static final int OWN_IDS_TO = 3099;

    private static final Map<Integer, List<Errors>> BY_RGS_ID;

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

    /** The RGS error id; every entry but SUCCESS has one. */
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

    /**
     * Renders the message in a language, filling {@code {field}}, {@code {min}}, {@code {max}};
     * an {@code expected} argument appends the allowed values.
     */
    public String message(Language language, RequestField field, Map<String, ?> args) {
        String text = template(language);
        if (field != null) {
            text = text.replace("{field}", language == Language.EN ? field.englishWords() : field.chineseName());
        }
        for (Map.Entry<String, ?> arg : args.entrySet()) {
            text = text.replace("{" + arg.getKey() + "}", String.valueOf(arg.getValue()));
        }
        Object expected = args.get("expected");
        if (expected != null) {
            text = language == Language.EN ? text + " Expected " + expected + "." : text + "应为" + expected + "。";
        }
        return text;
    }

    /** The entries with an RGS error id (several situations may share one seed id). */
    public static List<Errors> byRgsId(int id) {
        return BY_RGS_ID.getOrDefault(id, List.of());
    }

    /** The entry with a stable name, or INTERNAL_ERROR for a name this version does not know. */
    public static Errors byName(String name) {
        if (name == null) {
            return INTERNAL_ERROR;
        }
        for (Errors e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return INTERNAL_ERROR;
    }

    /**
     * Checks the catalog's invariants and indexes it by RGS id. Package-private so a test can feed
     * it a broken catalog and see it refuse.
     */
    static Map<Integer, List<Errors>> verify(List<Errors> entries) {
        Map<Integer, List<Errors>> byId = new HashMap<>();
        Set<String> codes = new HashSet<>();
        for (Errors e : entries) {
            if (e.rgsId == null) {
                if (e != SUCCESS) {
                    throw new IllegalStateException(e + " has no RGS id: an RGS client must always read an integer error_id");
                }
            } else {
                List<Errors> sharing = byId.computeIfAbsent(e.rgsId, id -> new ArrayList<>());
                boolean seedId = e.rgsId >= 2001 && e.rgsId <= 2038;
                boolean ownId = e.rgsId >= OWN_IDS_FROM && e.rgsId <= OWN_IDS_TO;
                if (!seedId && !ownId) {
                    throw new IllegalStateException("RGS id " + e.rgsId + " of " + e + " is neither a seed id nor in 3001-3099");
                }
                if (!sharing.isEmpty() && (ownId || e.isFieldValidation() || !e.rgsCode.equals(sharing.get(0).rgsCode))) {
                    throw new IllegalStateException("RGS id " + e.rgsId + " used by " + sharing.get(0) + " and " + e);
                }
                sharing.add(e);
            }
            if (!e.isFieldValidation() && e.rgsId != null && (e.rgsCode == null || !e.rgsCode.matches("[A-Z][A-Z0-9_]*"))) {
                throw new IllegalStateException("RGS code missing or not upper snake case at " + e);
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
        Set<String> missing = new LinkedHashSet<>(SEED_CODES);
        missing.removeAll(codes);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("seed codes without a catalog entry: " + missing);
        }
        Set<String> unknown = new LinkedHashSet<>(codes);
        unknown.removeAll(SEED_CODES);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("codes outside the seed API: " + unknown);
        }
        return byId;
    }

    /** Entries by RGS id, then by declaration (for documentation). */
    public static List<Errors> documentationOrder() {
        List<Errors> all = new ArrayList<>(List.of(values()));
        all.sort(Comparator.comparing((Errors e) -> e.rgsId == null ? 0 : e.rgsId));
        return all;
    }
}
