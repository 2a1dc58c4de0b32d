package com.beiying.gateway.provider.ky;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.AccountNames;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderBet;
import com.beiying.gateway.provider.ProviderCodec;
import com.beiying.gateway.provider.ProviderEndpoints;
import com.beiying.gateway.provider.ProviderHttp;
import com.beiying.gateway.provider.RecordRules;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * KY (开元棋牌) in its own protocol ({@code docs/providers.md}, "KY"): every call is
 * {@code GET channelHandle?agent&timestamp&param&key} where {@code param} is the URL-encoded
 * Base64 of the AES-128-ECB encrypted query {@code s=<op>&...} and {@code key} is
 * {@code md5(agent + timestamp + md5Key)}; bet records come from {@code getRecordHandle} in
 * columns. Answers are {@code {"s":100+op,"m":path,"d":{"code":..}}}. Record times are Beijing
 * time (UTC+8); the query window is epoch milliseconds.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(KyAdapter.Settings.class)
class KyAdapter implements ProviderAdapter {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final RecordRules RULES = new RecordRules(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, BEIJING, false);

    /**
     * Connection to KY: {@code GATEWAY_PROVIDERS_KY_BASEURL} (the host whose {@code /channelHandle}
     * takes account calls), {@code ..._RECORDURL} (the host of {@code /getRecordHandle}, the base URL
     * when unset), {@code ..._AGENT}, {@code ..._AESKEY} (16 characters, the "DES key" of KY's
     * documents), {@code ..._MD5KEY} and {@code ..._LINECODE}.
     */
    @ConfigurationProperties("gateway.providers.ky")
    record Settings(String baseUrl, String recordUrl, String agent, String aesKey, String md5Key, String lineCode) {
    }

    private final ProviderHttp wire;
    private final JsonMapper json;
    private final Clock clock;
    private final Supplier<String> channelUrl;
    private final Supplier<String> recordUrl;
    private final String agent;
    private final byte[] aesKey;
    private final String md5Key;
    private final String lineCode;

    KyAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json, Clock clock) {
        String base = settings.baseUrl();
        this.wire = wires.of(Game.KY);
        this.json = json;
        this.clock = clock;
        this.channelUrl = endpoints.baseUrl(Game.KY, base);
        this.recordUrl = settings.recordUrl() == null || settings.recordUrl().isBlank() ? channelUrl
                : endpoints.baseUrl(Game.KY, settings.recordUrl());
        this.agent = endpoints.credential(Game.KY, base, "agent", settings.agent(), 8, "GATEWAY_PROVIDERS_KY_AGENT");
        this.aesKey = endpoints.credential(Game.KY, base, "aes-key", settings.aesKey(), 16, "GATEWAY_PROVIDERS_KY_AESKEY")
                .getBytes(StandardCharsets.UTF_8);
        this.md5Key = endpoints.credential(Game.KY, base, "md5-key", settings.md5Key(), 24, "GATEWAY_PROVIDERS_KY_MD5KEY");
        this.lineCode = settings.lineCode() == null || settings.lineCode().isBlank() ? agent + "_LC" : settings.lineCode();
    }

    @Override
    public Game game() {
        return Game.KY;
    }

    /** Letters, digits and underscores, at most 20; KY reports them back as {@code <agent>_<account>}. */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("ky", memberId, "_", 20, false);
    }

    /** KY has no registration call: the first login ({@code s=0}) creates the account. */
    @Override
    public void openAccount(String accountName, String currency) {
        login(accountName, "0");
    }

    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        String kind = options.gameId() == null ? "0" : options.gameId();
        if (!kind.matches("\\d{1,6}")) {
            // KY games are KindIDs (0 is the lobby); anything else names no game of KY's.
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        String url = login(accountName, kind).path("url").asString();
        String lang = options.language().equals("en") ? "en_us" : "zh_cn";
        String full = url + (url.contains("?") ? "&" : "?") + "lang=" + lang;
        return new Launch(full, full);
    }

    private JsonNode login(String account, String kindId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("s", "0");
        q.put("account", account);
        q.put("money", "0");
        q.put("orderid", agent + LocalDateTime.now(clock.withZone(BEIJING)).format(ORDER_TIME) + account);
        q.put("ip", "127.0.0.1");
        q.put("lineCode", lineCode);
        q.put("KindID", kindId);
        JsonNode d = expectOk(wire.call("launch", get(channelUrl.get() + "/channelHandle", q)), "launch");
        return d;
    }

    @Override
    public BigDecimal balance(String accountName) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("s", "1");
        q.put("account", accountName);
        return ProviderCodec.money(expectOk(wire.call("balance", get(channelUrl.get() + "/channelHandle", q)), "balance")
                .path("money").asString());
    }

    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("s", direction == Direction.IN ? "2" : "3");
        q.put("account", accountName);
        q.put("money", ProviderCodec.money(amount));
        q.put("orderid", orderId(accountName, key));
        JsonNode d;
        try {
            d = body(wire.callMovingMoney("transfer", get(channelUrl.get() + "/channelHandle", q)), "transfer");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        int code = d.path("code").asInt(Integer.MIN_VALUE);
        return switch (code) {
            case 0 -> new TransferResult(TransferState.SUCCESS, ProviderCodec.money(d.path("money").asString()), null);
            case 38 -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            // KY applies an order id once; the same id again means the first one exists: ask for its state.
            case 34, 44 -> transferStatus(accountName, key).afterDuplicate();
            case -1 -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            default -> throw mapped(code);
        };
    }

    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("s", "4");
        q.put("orderid", orderId(accountName, key));
        JsonNode d = expectOk(wire.call("transfer-status", get(channelUrl.get() + "/channelHandle", q)), "transfer-status");
        return switch (d.path("status").asInt(Integer.MIN_VALUE)) {
            case 0 -> new TransferResult(TransferState.SUCCESS, null, null);
            case 2 -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case -1 -> new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
            case 3 -> new TransferResult(TransferState.PENDING, null, null);
            default -> throw wire.unreadable("transfer-status", "status " + d.path("status"));
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /** {@code s=6}: finished rounds in the window, as columns ({@code d.list.<Field>[i]}) of {@code d.count} rows. */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("s", "6");
        q.put("startTime", Long.toString(from.toEpochMilli()));
        q.put("endTime", Long.toString(to.toEpochMilli()));
        JsonNode d = body(wire.call("bets", get(recordUrl.get() + "/getRecordHandle", q)), "bets");
        int code = d.path("code").asInt(Integer.MIN_VALUE);
        if (code == 16) {
            return List.of();
        }
        if (code != 0) {
            throw mapped(code);
        }
        JsonNode list = d.path("list");
        int count = d.path("count").asInt();
        List<ProviderBet> out = new ArrayList<>(count);
        String accountPrefix = agent + "_";
        for (int i = 0; i < count; i++) {
            String accounts = list.path("Accounts").path(i).asString();
            BigDecimal allBet = ProviderCodec.money(list.path("AllBet").path(i).asString());
            BigDecimal profit = ProviderCodec.money(list.path("Profit").path(i).asString());
            Instant start = beijing(list.path("GameStartTime").path(i).asString());
            Instant end = beijing(list.path("GameEndTime").path(i).asString());
            // KY reports finished rounds only; a round it cancelled comes back with its bet refunded.
            boolean cancelled = "1".equals(list.path("Cancelled").path(i).asString("0"));
            out.add(new ProviderBet(list.path("GameID").path(i).asString(),
                    accounts.startsWith(accountPrefix) ? accounts.substring(accountPrefix.length()) : accounts,
                    list.path("KindID").path(i).asString(), list.path("GameID").path(i).asString(), "CNY", allBet,
                    ProviderCodec.money(list.path("CellScore").path(i).asString()),
                    cancelled ? BigDecimal.ZERO.setScale(2) : allBet.add(profit), cancelled ? BetStatus.VOID : BetStatus.SETTLED,
                    start, end, end));
        }
        return out;
    }

    /** KY's order id: agent, the order's time (to the second, Beijing) with three digits of its number, and the account. */
    private String orderId(String account, TransferKey key) {
        LocalDateTime time = LocalDateTime.ofInstant(key.createdAt(), BEIJING).withNano(0)
                .plusNanos((key.number() % 1000) * 1_000_000L);
        return agent + time.format(ORDER_TIME) + account;
    }

    private static Instant beijing(String text) {
        return LocalDateTime.parse(text, RECORD_TIME).toInstant(BEIJING);
    }

    /** A signed KY request: the query encrypted into {@code param}, {@code key} over agent, time and MD5 key. */
    private ProviderHttp.Request get(String url, Map<String, String> query) {
        String timestamp = Long.toString(clock.millis());
        String param = Base64.getEncoder().encodeToString(
                ProviderCodec.encrypt("AES/ECB/PKCS5Padding", "AES", aesKey, null, ProviderCodec.rawQuery(query)));
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("agent", agent);
        signed.put("timestamp", timestamp);
        signed.put("param", param);
        signed.put("key", ProviderCodec.md5(agent + timestamp + md5Key));
        return ProviderHttp.Request.get(URI.create(url + "?" + ProviderCodec.formQuery(signed)));
    }

    private JsonNode body(ProviderHttp.Answer answer, String operation) {
        try {
            JsonNode root = json.readTree(answer.body());
            JsonNode d = root.path("d");
            if (!d.isObject()) {
                throw wire.unreadable(operation, "no d object");
            }
            return d;
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
    }

    private JsonNode expectOk(ProviderHttp.Answer answer, String operation) {
        JsonNode d = body(answer, operation);
        int code = d.path("code").asInt(Integer.MIN_VALUE);
        if (code != 0) {
            throw mapped(code);
        }
        return d;
    }

    /** KY's {@code d.code} onto the catalog. */
    private static GatewayException mapped(int code) {
        return new GatewayException(switch (code) {
            case 6, 15, 22 -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case 2, 36 -> Errors.GAME_NOT_FOUND;
            case 38 -> Errors.INSUFFICIENT_BALANCE;
            case 34, 44 -> Errors.ORDER_CONFLICT;
            case 43 -> Errors.GAME_MAINTENANCE;
            case 3, 37, 39 -> Errors.PROVIDER_BUSY;
            default -> Errors.PROVIDER_REFUSED;
        });
    }
}
