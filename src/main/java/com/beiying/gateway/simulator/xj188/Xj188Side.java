package com.beiying.gateway.simulator.xj188;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * XJ188 (小金188) as the provider serves it ({@code docs/providers.md}, "XJ188"):
 * {@code POST API/<Name>} with a form carrying {@code operatorId} and the secret {@code vendorId};
 * answers {@code {"code":..,"message":..,"data":..}} with 188's codes (COMM, ITGR, ERRG). Wagers in
 * GMT-4, an hour at most, seven days back at most.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class Xj188Side implements ProviderSide {
    private static final String GAME = "XJ188";
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern REF_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final Set<String> CURRENCIES = Set.of("CNY", "USD", "HKD", "TWD", "THB", "VND", "MYR", "IDR", "PHP", "KRW", "JPY",
            "INR", "EUR");
    /** The sports (gameType) this 188 line opens at. */
    private static final Set<String> SPORTS = Set.of("Soccer", "Basketball", "Tennis", "Baseball", "IceHockey", "Volleyball",
            "AmericanFootball", "ESports");
    private static final Duration MAX_WINDOW = Duration.ofHours(1);
    private static final Duration LOOK_BACK = Duration.ofDays(7);

    private final SimulatorBank bank;
    private final Clock clock;
    private final String operatorId;
    private final String vendorId;

    Xj188Side(SimulatorBank bank, SimulatorCredentials credentials, Clock clock) {
        this.bank = bank;
        this.clock = clock;
        this.operatorId = credentials.of(GAME, "operator-id", 6);
        this.vendorId = credentials.of(GAME, "vendor-id", 24);
    }

    @Override
    public String game() {
        return GAME;
    }

    @Override
    public Call route(SimRequest request) {
        if (!request.method().equals("POST") || !request.path().startsWith("/API/")) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        Map<String, String> f = request.form();
        if (!SimCrypto.same(operatorId, f.get("operatorId")) || !SimCrypto.same(vendorId, f.get("vendorId"))) {
            return Call.refused(answer("COMM0401", "Unauthorized operator", null));
        }
        return switch (request.path().substring("/API/".length())) {
            case "Registration" -> call("accounts", () -> register(f));
            case "Launch" -> call("launch", () -> launch(f));
            case "MemberBalance" -> call("balance", () -> balance(f));
            case "DepositFund" -> call("transfer", () -> transfer(f, true));
            case "WithdrawalFund" -> call("transfer", () -> transfer(f, false));
            case "FundTransferStatus" -> call("transfer-status", () -> status(f));
            case "Wagers" -> call("bets", () -> wagers(f));
            default -> Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        };
    }

    private static Call call(String operation, Supplier<SimResponse> apply) {
        return Call.of(operation, apply, answer("COMM0503", "System under maintenance", null),
                SimResponse.json(500, SimJson.of(Map.of("code", "ITGR9999", "message", "General error"))));
    }

    private SimResponse register(Map<String, String> f) {
        String member = f.getOrDefault("memberCode", "");
        String currency = f.getOrDefault("currencyCode", "");
        if (!MEMBER.matcher(member).matches() || !CURRENCIES.contains(currency)) {
            return invalid();
        }
        return bank.openAccount(GAME, member, currency) ? ok(null) : answer("ITGR0033", "會員編號已存在", null);
    }

    /** Launch: the sportsbook's address for the member, on desktop (10) or mobile (11), at a sport it offers. */
    private SimResponse launch(Map<String, String> f) {
        String channel = f.getOrDefault("channel", "");
        String sport = f.get("gameType");
        if (!(channel.equals("10") || channel.equals("11")) || (sport != null && !SPORTS.contains(sport))) {
            return invalid();
        }
        return bank.launch(GAME, f.getOrDefault("memberCode", ""), channel.equals("10") ? "PC" : "H5", "zh-CN", sport)
                .map(token -> ok("https://xj188.simulator.invalid/sports?token=" + token + (sport == null ? "" : "&gameType=" + sport)))
                .orElseGet(Xj188Side::noMember);
    }

    private SimResponse balance(Map<String, String> f) {
        String member = f.getOrDefault("memberCode", "");
        return bank.balance(GAME, member).map(b -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("memberCode", member);
            data.put("balance", b);
            data.put("currencyCode", bank.currency(GAME, member).orElse("CNY"));
            return ok(data);
        }).orElseGet(Xj188Side::noMember);
    }

    /** DepositFund / WithdrawalFund: a refId 188 has seen is refused (ITGR1001), whatever it carries. */
    private SimResponse transfer(Map<String, String> f, boolean deposit) {
        String member = f.getOrDefault("memberCode", "");
        String amount = f.getOrDefault("balance", "");
        String refId = f.getOrDefault("refId", "");
        if (!REF_ID.matcher(refId).matches()) {
            return answer("ITGR0012", "無效的 Reference ID", null);
        }
        if (!MONEY.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return invalid();
        }
        if (bank.currency(GAME, member).filter(c -> !c.equals(f.get("currencyCode"))).isPresent()) {
            return answer("ITGR0101", "会员币別不一致", null);
        }
        if (bank.order(GAME, refId).isPresent()) {
            return answer("ITGR1001", "运营商交易參考ID已經存在", null);
        }
        SimulatorBank.Transfer t = bank.transfer(GAME, refId, member, new BigDecimal(amount).setScale(2, RoundingMode.UNNECESSARY), deposit);
        return switch (t.outcome()) {
            case APPLIED -> ok(Map.of("refId", refId, "totalBalance", t.balance()));
            case INSUFFICIENT_BALANCE -> answer("ERRG0010", "會員餘額不足", null);
            case NO_ACCOUNT -> noMember();
            default -> answer("ITGR1001", "运营商交易參考ID已經存在", null);
        };
    }

    /** FundTransferStatus: the refId's transfer and whether it succeeded; ITGR1002 (no data) for one 188 never took. */
    private SimResponse status(Map<String, String> f) {
        String refId = f.getOrDefault("refId", "");
        return bank.order(GAME, refId).map(o -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("refId", refId);
            data.put("memberCode", o.account());
            data.put("type", o.deposit() ? "Deposit" : "Withdrawal");
            data.put("balance", o.amount());
            data.put("status", o.status().equals("SUCCESS") ? "Success" : "Failed");
            return ok(data);
        }).orElseGet(() -> answer("ITGR1002", "数据不存在", null));
    }

    /**
     * Wagers: {@code isSettled} 3 selects those placed between {@code from} and {@code to} (GMT-4),
     * 4 those settled, voided or resettled in it. {@code wagerStatus} 1 pending, 2 settled (a
     * resettled wager is settled again), 3 void; {@code returnAmount} includes the stake.
     */
    private SimResponse wagers(Map<String, String> f) {
        LocalDateTime from;
        LocalDateTime to;
        try {
            from = LocalDateTime.parse(f.getOrDefault("from", ""), TIME);
            to = LocalDateTime.parse(f.getOrDefault("to", ""), TIME);
        } catch (DateTimeParseException e) {
            return invalid();
        }
        String selection = f.getOrDefault("isSettled", "");
        Instant start = from.toInstant(GMT_MINUS_4);
        if (!(selection.equals("3") || selection.equals("4")) || !to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0
                || start.isBefore(clock.instant().minus(LOOK_BACK))) {
            return invalid();
        }
        boolean settled = selection.equals("4");
        List<Map<String, Object>> rows = bank.bets(GAME, start, to.toInstant(GMT_MINUS_4), settled).stream()
                .filter(b -> !settled || b.status() != SimulatedBet.Status.OPEN).map(Xj188Side::row).toList();
        return ok(rows);
    }

    private static Map<String, Object> row(SimulatedBet b) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("gameType", b.gameId());
        event.put("eventId", b.roundId());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", b.betId());
        row.put("memberCode", b.account());
        row.put("wagerStatus", switch (b.status()) {
            case OPEN -> 1;
            case SETTLED, RESETTLED -> 2;
            case VOID -> 3;
        });
        row.put("stake", b.stake());
        // A void wager gives the stake back; an open one has returned nothing yet.
        row.put("returnAmount", switch (b.status()) {
            case OPEN -> BigDecimal.ZERO.setScale(2);
            case VOID -> b.stake();
            case SETTLED, RESETTLED -> b.payout();
        });
        row.put("createTime", gmtMinus4(b.betTime()));
        row.put("settleTime", b.status() == SimulatedBet.Status.OPEN ? null : gmtMinus4(b.updatedAt()));
        // 188 gives the selections as JSON inside a string.
        row.put("bets", SimJson.of(List.of(Map.of("event", event, "odds", "1.95"))));
        return row;
    }

    private static SimResponse noMember() {
        return answer("ITGR0011", "Member not found", null);
    }

    private static SimResponse invalid() {
        return answer("COMM0101", "Invalid parameters or format. Parameters could be out of range, or unacceptable values.", null);
    }

    private static SimResponse ok(Object data) {
        return answer("COMM0000", "Success", data);
    }

    private static SimResponse answer(String code, String message, Object data) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("code", code);
        root.put("message", message);
        root.put("data", data);
        return SimResponse.json(200, SimJson.of(root));
    }

    private static String gmtMinus4(Instant instant) {
        return LocalDateTime.ofInstant(instant, GMT_MINUS_4).format(TIME);
    }
}
