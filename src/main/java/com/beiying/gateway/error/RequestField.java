package com.beiying.gateway.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every request field of the API (and the request headers that carry values of their own) with the
 * Beiying code its validation errors carry. The RGS code ({@code INVALID_} plus the name in upper
 * snake case) and the English words of the field are derived from the name so that they can never
 * drift from it.
 */
public enum RequestField {
    USER_NAME("UserName", "BADNAME", "用户名"),
    PASSWORD("Password", "BADPASSWORD", "密码"),
    NEW_PASSWORD("NewPassword", "BADPASSWORD", "新密码"),
    GAME("Game", "TYPE_ERROR", "游戏"),
    PLATFORM("Platform", "CONTENT", "平台"),
    LANGUAGE("Language", "CONTENT", "语言"),
    GAME_ID("GameId", "CONTENT", "游戏ID"),
    LOCK("Lock", "CONTENT", "锁定标志"),
    ORDER_ID("OrderID", "BANORDER", "订单号"),
    MONEY("Money", "BADMONEY", "金额"),
    ACTION("Action", "TRANSFER_NO_ACTION", "转账方向"),
    START_TIME("StartTime", "DATEEROOR", "开始时间"),
    END_TIME("EndTime", "DATEEROOR", "结束时间"),
    PAGE("Page", "CONTENT", "页码"),
    PAGE_SIZE("PageSize", "CONTENT", "每页条数"),
    BY("By", "CONTENT", "时间依据"),
    CURSOR("Cursor", "CONTENT", "游标"),
    BET_ID("BetId", "CONTENT", "注单号"),
    // Admin API fields (docs/api.md)
    NAME("Name", "CONTENT", "名称"),
    IP_ALLOWLIST("IpAllowlist", "CONTENT", "IP白名单"),
    LAUNCH_DOMAIN("LaunchDomain", "CONTENT", "启动域名"),
    CURRENCY("Currency", "CONTENT", "币种"),
    ERROR_FORMAT("ErrorFormat", "CONTENT", "错误格式"),
    GAMES("Games", "CONTENT", "游戏列表"),
    STATUS("Status", "CONTENT", "状态"),
    RATE_LIMIT("RateLimit", "CONTENT", "限流"),
    KAFKA_NATIVE("KafkaNative", "CONTENT", "Kafka直连"),
    ENABLED("Enabled", "CONTENT", "开关"),
    UNTIL("Until", "CONTENT", "结束时间"),
    CREDIT("Credit", "BADMONEY", "额度"),
    TIME_ZONE("TimeZone", "CONTENT", "时区"),
    OPERATOR_ID("OperatorId", "CONTENT", "商户ID"),
    // Request headers that carry values of their own (docs/api.md)
    X_REQUEST_ID("X-Request-Id", "CONTENT", "X-Request-Id"),
    X_NONCE("X-Nonce", "Sign", "X-Nonce"),
    X_TIMESTAMP("X-Timestamp", "TIMEOUT", "X-Timestamp");

    private final String jsonName;
    private final String beiyingCode;
    private final String chineseName;
    private final String rgsCode;
    private final String englishWords;

    RequestField(String jsonName, String beiyingCode, String chineseName) {
        this.jsonName = jsonName;
        this.beiyingCode = beiyingCode;
        this.chineseName = chineseName;
        List<String> words = words(jsonName);
        this.rgsCode = "INVALID_" + String.join("_", words).toUpperCase(Locale.ROOT);
        String lower = String.join(" ", words).toLowerCase(Locale.ROOT);
        this.englishWords = Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** The field's name in JSON bodies, e.g. {@code OrderID}. */
    public String jsonName() {
        return jsonName;
    }

    /** The Beiying code of this field's validation errors, e.g. {@code BANORDER}. */
    public String beiyingCode() {
        return beiyingCode;
    }

    /** The RGS code of this field's validation errors, e.g. {@code INVALID_ORDER_ID}. */
    public String rgsCode() {
        return rgsCode;
    }

    /** The field as words for English messages, e.g. {@code Order id}. */
    public String englishWords() {
        return englishWords;
    }

    /** The field's name in Chinese messages. */
    public String chineseName() {
        return chineseName;
    }

    /** Splits PascalCase and hyphens, keeping acronyms together: {@code OrderID} gives Order, ID. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String part : name.split("-")) {
            words.addAll(pascalWords(part));
        }
        return words;
    }

    private static List<String> pascalWords(String pascal) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < pascal.length(); i++) {
            char c = pascal.charAt(i);
            char prev = pascal.charAt(i - 1);
            boolean lowerToUpper = Character.isUpperCase(c) && Character.isLowerCase(prev);
            boolean acronymEnd = Character.isUpperCase(c) && Character.isUpperCase(prev)
                    && i + 1 < pascal.length() && Character.isLowerCase(pascal.charAt(i + 1));
            if (lowerToUpper || acronymEnd) {
                words.add(pascal.substring(start, i));
                start = i;
            }
        }
        words.add(pascal.substring(start));
        return words;
    }
}
