package com.beiying.gateway.simulator.avia;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.simulator.ProviderSide;
import com.beiying.gateway.simulator.SimCrypto;
import com.beiying.gateway.simulator.SimJson;
import com.beiying.gateway.simulator.SimRequest;
import com.beiying.gateway.simulator.SimResponse;
import com.beiying.gateway.simulator.SimulatedBet;
import com.beiying.gateway.simulator.SimulatorBank;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * AVIA (泛亚电竞) as the provider serves it ({@code docs/providers.md}, "AVIA"): {@code POST
 * /api/<path>} with a form body, authenticated by the raw secret key in {@code Authorization}.
 * Answers {@code {"success":1|0,"msg":..,"info":{..}}} with the reason of a refusal in
 * {@code info.Error}; orders in Beijing time, paged, with AVIA's own status words.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class AviaSide implements ProviderSide {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** What AVIA writes where an order has no such time yet. */
    private static final String NO_TIME = "1900-01-01 00:00:00";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_]{2,30}");
    private static final Pattern PASSWORD = Pattern.compile("\\S{5,16}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    /** The esports categories ({@code CateID}) this AVIA line offers. */
    private static final Map<String, String> CATEGORIES = Map.of("1", "英雄联盟", "2", "DOTA2", "3", "CS:GO", "4", "王者荣耀",
            "5", "绝地求生");
    private static final int MAX_PAGE_SIZE = 1024;

    private final SimulatorBank bank;
    private final String secretKey;

    AviaSide(SimulatorBank bank, SimulatorCredentials credentials) {
        this.bank = bank;
        this.secretKey = credentials.of("AVIA", "secret-key", 32);
    }

    @Override
    public String game() {
        return "AVIA";
    }

    @Override
    public Call route(SimRequest request) {
        if (!request.method().equals("POST") || !request.path().startsWith("/api/")) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        if (!SimCrypto.same(secretKey, request.header("Authorization"))) {
            return Call.refused(refusal("Authorization", "密钥错误"));
        }
        Map<String, String> form = request.form();
        return switch (request.path()) {
            case "/api/user/register" -> call("accounts", () -> register(form));
            case "/api/user/login" -> call("launch", () -> login(form));
            case "/api/user/balance" -> call("balance", () -> balance(form));
            case "/api/user/transfer" -> call("transfer", () -> transfer(form));
            case "/api/user/transferinfo" -> call("transfer-status", () -> transferInfo(form));
            case "/api/log/get" -> call("bets", () -> orders(form));
            default -> Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        };
    }

    private static Call call(String operation, Supplier<SimResponse> apply) {
        return Call.of(operation, apply, refusal("MAINTENANCE", "系统维护中"),
                new SimResponse(500, "application/json;charset=UTF-8",
                        "{\"success\":0,\"msg\":\"系统错误\",\"info\":{\"Error\":\"Faild\"}}".getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code user/register}: {@code UserName} 2-30 of letters, digits, underscores; {@code Password} 5-16. */
    private SimResponse register(Map<String, String> form) {
        String user = form.getOrDefault("UserName", "");
        if (!USER.matcher(user).matches()) {
            return refusal("BADNAME", "用户名错误");
        }
        if (!PASSWORD.matcher(form.getOrDefault("Password", "")).matches()) {
            return refusal("BADPASSWORD", "密码错误");
        }
        String currency = form.getOrDefault("Currency", "CNY");
        return bank.openAccount("AVIA", user, currency.isEmpty() ? "CNY" : currency)
                ? ok(Map.of("UserName", user)) : refusal("EXISTSUSER", "用户名已经存在");
    }

    /** {@code user/login}: the lobby's URL, or one category's page with {@code CateID}. */
    private SimResponse login(Map<String, String> form) {
        String user = form.getOrDefault("UserName", "");
        String category = form.get("CateID");
        if (category != null && !CATEGORIES.containsKey(category)) {
            return refusal("NOSUPPORT", "不支持的游戏");
        }
        return bank.launch("AVIA", user, "PC", "zh-CN", category == null ? "lobby" : category)
                .map(token -> ok(Map.of("Url", "https://avia.simulator.invalid/?token=" + token
                        + (category == null ? "" : "&CateID=" + category))))
                .orElseGet(() -> refusal("NOUSER", "用户不存在"));
    }

    private SimResponse balance(Map<String, String> form) {
        String user = form.getOrDefault("UserName", "");
        return bank.balance("AVIA", user).map(b -> ok(Map.of("UserName", user, "Money", b)))
                .orElseGet(() -> refusal("NOUSER", "用户不存在"));
    }

    /** {@code user/transfer}: an {@code ID} AVIA has seen is refused as existing, whatever it carries. */
    private SimResponse transfer(Map<String, String> form) {
        String user = form.getOrDefault("UserName", "");
        String type = form.getOrDefault("Type", "");
        String money = form.getOrDefault("Money", "");
        String id = form.getOrDefault("ID", "");
        if (!type.equals("IN") && !type.equals("OUT")) {
            return refusal("TRANSFER_NO_ACTION", "转账类型错误");
        }
        if (!MONEY.matcher(money).matches() || new BigDecimal(money).signum() <= 0) {
            return refusal("BADMONEY", "金额错误");
        }
        if (!ID.matcher(id).matches()) {
            return refusal("CONTENT", "订单号格式错误");
        }
        if (bank.order("AVIA", id).isPresent()) {
            return refusal("EXISTSORDER", "订单号已经存在");
        }
        SimulatorBank.Transfer t = bank.transfer("AVIA", id, user, new BigDecimal(money).setScale(2, RoundingMode.UNNECESSARY),
                type.equals("IN"));
        return switch (t.outcome()) {
            case APPLIED -> ok(Map.of("OrderID", orderId(id), "Balance", t.balance()));
            case INSUFFICIENT_BALANCE -> refusal("NOBALANCE", "余额不足");
            case NO_ACCOUNT -> refusal("NOUSER", "用户不存在");
            default -> refusal("EXISTSORDER", "订单号已经存在");
        };
    }

    /** {@code user/transferinfo}: {@code Status} Finish or Faild; an ID AVIA never saw is {@code NOORDER}. */
    private SimResponse transferInfo(Map<String, String> form) {
        String id = form.getOrDefault("ID", "");
        return bank.order("AVIA", id).map(o -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("ID", id);
            info.put("OrderID", orderId(id));
            info.put("UserName", o.account());
            info.put("Type", o.deposit() ? "IN" : "OUT");
            info.put("Money", o.amount());
            info.put("Currency", bank.currency("AVIA", o.account()).orElse("CNY"));
            info.put("Status", switch (o.status()) {
                case "SUCCESS" -> "Finish";
                case "FAILED" -> "Faild";
                default -> "None";
            });
            info.put("CurrentBalance", o.balance());
            return ok(info);
        }).orElseGet(() -> refusal("NOORDER", "订单号不存在"));
    }

    /**
     * {@code log/get}: orders by {@code Type} UpdateAt (changed) or CreateAt (placed) between
     * {@code StartAt} and {@code EndAt} (Beijing time, whole seconds, both included), filtered by
     * {@code OrderType}, {@code PageSize} (at most 1024) rows of page {@code PageIndex}.
     */
    private SimResponse orders(Map<String, String> form) {
        String type = form.getOrDefault("Type", "UpdateAt");
        if (!type.equals("UpdateAt") && !type.equals("CreateAt")) {
            return refusal("CONTENT", "模拟器只按 UpdateAt 或 CreateAt 查询");
        }
        Instant start;
        Instant end;
        try {
            start = LocalDateTime.parse(form.getOrDefault("StartAt", ""), TIME).toInstant(BEIJING);
            end = LocalDateTime.parse(form.getOrDefault("EndAt", ""), TIME).toInstant(BEIJING).plusSeconds(1);
        } catch (DateTimeParseException e) {
            return refusal("DATEEROOR", "时间格式错误");
        }
        if (!end.isAfter(start)) {
            return refusal("DATEEROOR", "开始时间不能晚于结束时间");
        }
        int size = number(form.get("PageSize"), 20);
        int index = number(form.get("PageIndex"), 1);
        if (size < 1 || size > MAX_PAGE_SIZE || index < 1) {
            return refusal("CONTENT", "分页参数错误");
        }
        String orderType = form.getOrDefault("OrderType", "All");
        List<Map<String, Object>> rows = bank.bets("AVIA", start, end, type.equals("UpdateAt")).stream()
                .map(AviaSide::row)
                .filter(r -> orderType.equals("All") || orderType.equals(r.get("Status")))
                .toList();
        int from = Math.min(rows.size(), (index - 1) * size);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("RecordCount", rows.size());
        info.put("PageIndex", index);
        info.put("PageSize", size);
        info.put("list", rows.subList(from, Math.min(rows.size(), from + size)));
        return ok(info);
    }

    /**
     * A bet in AVIA's words: open is None; settled is Win (a payout of at least the stake, a push
     * included) or Lose; settled again is the same with {@code ReSettlement} counted; void is
     * Cancel when it never had a result and Revoke when a result was taken back.
     */
    private static Map<String, Object> row(SimulatedBet b) {
        boolean settled = b.status() == SimulatedBet.Status.SETTLED || b.status() == SimulatedBet.Status.RESETTLED;
        String status = switch (b.status()) {
            case OPEN -> "None";
            case SETTLED, RESETTLED -> b.winLoss().signum() >= 0 ? "Win" : "Lose";
            case VOID -> b.settledAt() == null ? "Cancel" : "Revoke";
        };
        String resulted = b.settledAt() == null ? NO_TIME : beijing(b.settledAt());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("OrderID", b.betId());
        r.put("UserName", b.account());
        r.put("Type", "Single");
        r.put("Status", status);
        r.put("BetAmount", b.stake());
        r.put("BetMoney", b.validBet());
        r.put("Money", b.winLoss());
        r.put("CreateAt", beijing(b.betTime()));
        r.put("ResultAt", resulted);
        r.put("RewardAt", settled ? resulted : NO_TIME);
        r.put("UpdateAt", beijing(b.updatedAt()));
        r.put("Currency", b.currency());
        r.put("IsTest", false);
        r.put("ReSettlement", b.status() == SimulatedBet.Status.RESETTLED ? 1 : 0);
        r.put("CateID", b.gameId());
        r.put("Category", CATEGORIES.getOrDefault(b.gameId(), ""));
        r.put("MatchID", b.roundId());
        r.put("OddsType", "EU");
        return r;
    }

    /** AVIA's own order number for one of our IDs. */
    private static String orderId(String id) {
        return "AV" + SimCrypto.md5(id).substring(0, 18).toUpperCase(Locale.ROOT);
    }

    private static int number(String text, int absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        return text.matches("\\d{1,6}") ? Integer.parseInt(text) : -1;
    }

    private static String beijing(Instant instant) {
        return LocalDateTime.ofInstant(instant, BEIJING).format(TIME);
    }

    private static SimResponse ok(Map<String, Object> info) {
        return SimResponse.json(200, "{\"success\":1,\"msg\":\"\",\"info\":" + SimJson.of(info) + "}");
    }

    private static SimResponse refusal(String error, String message) {
        return SimResponse.json(200, "{\"success\":0,\"msg\":" + SimJson.of(message) + ",\"info\":{\"Error\":\"" + error + "\"}}");
    }
}
