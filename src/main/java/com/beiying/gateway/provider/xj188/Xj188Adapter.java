package com.beiying.gateway.provider.xj188;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * XJ188 (小金188, a 188 sportsbook operator API) in its own protocol ({@code docs/providers.md},
 * "XJ188"): every call is {@code POST API/<Name>} with a form that carries {@code operatorId} and
 * the secret {@code vendorId} (no signature); answers are {@code {"code":"COMM0000","data":..}}.
 * Amounts in yuan, times US-Eastern standard time (fixed GMT-4), bet records from {@code API/Wagers}.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(Xj188Adapter.Settings.class)
class Xj188Adapter implements ProviderAdapter {
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter REF_DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final RecordRules RULES = new RecordRules(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, GMT_MINUS_4, false);
    /** {@code isSettled} of API/Wagers: 3 selects wagers placed in the window, 4 wagers settled or voided in it. */
    private static final List<String> SELECTIONS = List.of("3", "4");

    /**
     * Connection to XJ188: {@code GATEWAY_PROVIDERS_XJ188_BASEURL}, {@code ..._OPERATORID},
     * {@code ..._VENDORID} (the secret), {@code ..._CURRENCY} (the line's currency, CNY) and
     * {@code ..._RECORDPREFIX} (what 188 puts before member codes in records, if anything).
     */
    @ConfigurationProperties("gateway.providers.xj188")
    record Settings(String baseUrl, String operatorId, String vendorId, String currency, String recordPrefix) {
    }

    private final ProviderHttp wire;
    private final JsonMapper json;
    private final Supplier<String> baseUrl;
    private final String operatorId;
    private final String vendorId;
    private final String currency;
    private final String recordPrefix;

    Xj188Adapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json) {
        String base = settings.baseUrl();
        this.wire = wires.of(Game.XJ188);
        this.json = json;
        this.baseUrl = endpoints.baseUrl(Game.XJ188, base);
        this.operatorId = endpoints.credential(Game.XJ188, base, "operator-id", settings.operatorId(), 6,
                "GATEWAY_PROVIDERS_XJ188_OPERATORID");
        this.vendorId = endpoints.credential(Game.XJ188, base, "vendor-id", settings.vendorId(), 24, "GATEWAY_PROVIDERS_XJ188_VENDORID");
        this.currency = settings.currency() == null || settings.currency().isBlank() ? "CNY" : settings.currency();
        this.recordPrefix = settings.recordPrefix() == null ? "" : settings.recordPrefix();
    }

    @Override
    public Game game() {
        return Game.XJ188;
    }

    /** Letters and digits only, at most 20: the sources give 188's rule for member codes nowhere, and these pass everywhere. */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("xj", memberId, "0", 20, false);
    }

    /** Registration: COMM0000 created, ITGR0033 already there (both fine). */
    @Override
    public void openAccount(String accountName, String currency) {
        if (!currency.equals(this.currency)) {
            // Deposits and withdrawals name the currency too, and this line moves money in one only.
            throw new GatewayException(Errors.CURRENCY_MISMATCH);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("memberCode", accountName);
        form.put("currencyCode", currency);
        form.put("oddsType", "1");
        String code = code(body(wire.call("accounts", post("Registration", form)), "accounts"));
        if (!code.equals("COMM0000") && !code.equals("ITGR0033")) {
            throw mapped(code);
        }
    }

    /** Launch: {@code channel} 10 desktop, 11 mobile; a GameId is a sport, {@code gameType}, to open at. */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        if (options.gameId() != null && !options.gameId().matches("[A-Za-z]{1,20}")) {
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("memberCode", accountName);
        form.put("channel", options.platform().equals("PC") ? "10" : "11");
        if (options.gameId() != null) {
            form.put("gameType", options.gameId());
        }
        JsonNode root = body(wire.call("launch", post("Launch", form)), "launch");
        String code = code(root);
        if (code.equals("COMM0101") && options.gameId() != null) {
            // The only value of ours 188 can find unacceptable here is the sport.
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        if (!code.equals("COMM0000")) {
            throw mapped(code);
        }
        String url = root.path("data").asString("");
        if (url.isEmpty()) {
            throw wire.unreadable("launch", "no game address");
        }
        return new Launch(url, url);
    }

    @Override
    public BigDecimal balance(String accountName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("memberCode", accountName);
        JsonNode root = body(wire.call("balance", post("MemberBalance", form)), "balance");
        String code = code(root);
        if (!code.equals("COMM0000")) {
            throw mapped(code);
        }
        return money(root.path("data").path("balance"));
    }

    /** DepositFund or WithdrawalFund; the amount's field is called {@code balance}. */
    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("memberCode", accountName);
        form.put("balance", ProviderCodec.money(amount));
        form.put("currencyCode", currency);
        form.put("refId", refId(key));
        JsonNode root;
        try {
            root = body(wire.callMovingMoney("transfer", post(direction == Direction.IN ? "DepositFund" : "WithdrawalFund", form)),
                    "transfer");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        String code = code(root);
        return switch (code) {
            case "COMM0000" -> new TransferResult(TransferState.SUCCESS, money(root.path("data").path("totalBalance")), null);
            case "ERRG0010" -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            // 188 takes a refId once; the same one again means the first exists: ask for its state.
            case "ITGR1001" -> transferStatus(accountName, key).afterDuplicate();
            default -> {
                GatewayException e = mapped(code);
                if (e.error() != Errors.PROVIDER_REFUSED) {
                    throw e;
                }
                yield new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            }
        };
    }

    /** FundTransferStatus: {@code status} Success or Failed; ITGR1002 (no data) for a refId 188 never took. */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("refId", refId(key));
        JsonNode root = body(wire.call("transfer-status", post("FundTransferStatus", form)), "transfer-status");
        String code = code(root);
        if (code.equals("ITGR1002")) {
            return new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
        }
        if (!code.equals("COMM0000")) {
            throw mapped(code);
        }
        return switch (root.path("data").path("status").asString("")) {
            case "Success" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "Failed" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case "Pending" -> new TransferResult(TransferState.PENDING, null, null);
            default -> throw wire.unreadable("transfer-status", "status " + root.path("data").path("status"));
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * API/Wagers twice, as the ancestor meant to and did not (it sent 3 both times): placed in the
     * window ({@code isSettled=3}), and settled or voided in it ({@code isSettled=4}); one row per
     * wager, its latest state.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        Map<String, ProviderBet> byId = new LinkedHashMap<>();
        for (String selection : SELECTIONS) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("from", LocalDateTime.ofInstant(from, GMT_MINUS_4).format(TIME));
            form.put("to", LocalDateTime.ofInstant(to, GMT_MINUS_4).format(TIME));
            form.put("isSettled", selection);
            JsonNode root = body(wire.call("bets", post("Wagers", form)), "bets");
            String code = code(root);
            if (!code.equals("COMM0000")) {
                throw mapped(code);
            }
            for (JsonNode row : root.path("data")) {
                ProviderBet bet = bet(row);
                byId.merge(bet.providerBetId(), bet, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b);
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** One wager: {@code wagerStatus} 1 pending, 2 settled (payout {@code returnAmount}), 3 void, 4 cancelled. */
    private ProviderBet bet(JsonNode row) {
        BigDecimal stake = money(row.path("stake"));
        BetStatus status = switch (row.path("wagerStatus").asString("")) {
            case "1" -> BetStatus.OPEN;
            case "2" -> BetStatus.SETTLED;
            case "3", "4" -> BetStatus.VOID;
            default -> throw wire.unreadable("bets", "wagerStatus " + row.path("wagerStatus"));
        };
        Instant placed = gmtMinus4(row.path("createTime").asString(""));
        String settleTime = row.path("settleTime").asString("");
        Instant settled = settleTime.isBlank() ? null : gmtMinus4(settleTime);
        String member = row.path("memberCode").asString("");
        return new ProviderBet(row.path("id").asString(), member.startsWith(recordPrefix) ? member.substring(recordPrefix.length()) : member,
                sport(row.path("bets").asString("")), row.path("id").asString(), currency, stake,
                status == BetStatus.SETTLED ? stake : BigDecimal.ZERO.setScale(2),
                status == BetStatus.SETTLED ? money(row.path("returnAmount")) : BigDecimal.ZERO.setScale(2), status, placed,
                status == BetStatus.OPEN ? null : settled, settled == null ? placed : settled);
    }

    /** The wager's game: its single selection's {@code event.gameType}, or "Combo" for a parlay ({@code bets} is JSON in a string). */
    private String sport(String bets) {
        try {
            JsonNode selections = json.readTree(bets);
            return selections.size() == 1 ? selections.path(0).path("event").path("gameType").asString("") : "Combo";
        } catch (JacksonException e) {
            throw wire.unreadable("bets", "bets not JSON");
        }
    }

    /** Sixteen digits as the ancestor's refIds: the order's GMT-4 day and its gateway-wide number in 10 digits. */
    private static String refId(TransferKey key) {
        return LocalDate.ofInstant(key.createdAt(), GMT_MINUS_4).format(REF_DAY) + String.format("%010d", key.number() % 10_000_000_000L);
    }

    /** A form with the operator and its secret first, each value encoded once. */
    private ProviderHttp.Request post(String name, Map<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("operatorId", operatorId);
        form.put("vendorId", vendorId);
        form.putAll(params);
        return ProviderHttp.Request.post(URI.create(baseUrl.get() + "/API/" + name), "application/x-www-form-urlencoded",
                ProviderCodec.formQuery(form));
    }

    private JsonNode body(ProviderHttp.Answer answer, String operation) {
        try {
            JsonNode root = json.readTree(answer.body());
            if (!root.path("code").isString()) {
                throw wire.unreadable(operation, "no code");
            }
            return root;
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
    }

    private static String code(JsonNode root) {
        return root.path("code").asString();
    }

    /** 188's codes onto the catalog; COMM0401 and COMM0503 are the simulator's, where the sources name none. */
    private static GatewayException mapped(String code) {
        return new GatewayException(switch (code) {
            case "COMM0401" -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case "COMM0503" -> Errors.GAME_MAINTENANCE;
            case "ITGR0036" -> Errors.PROVIDER_BUSY;
            case "ITGR0101" -> Errors.CURRENCY_MISMATCH;
            case "ERRG0010" -> Errors.INSUFFICIENT_BALANCE;
            case "ITGR1001" -> Errors.ORDER_CONFLICT;
            case "ITGR1002" -> Errors.ORDER_NOT_FOUND;
            default -> Errors.PROVIDER_REFUSED;
        });
    }

    private static BigDecimal money(JsonNode node) {
        return ProviderCodec.money(node.isNumber() ? node.decimalValue().toPlainString() : node.asString());
    }

    private static Instant gmtMinus4(String text) {
        return LocalDateTime.parse(text, TIME).toInstant(GMT_MINUS_4);
    }
}
