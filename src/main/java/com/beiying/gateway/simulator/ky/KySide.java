package com.beiying.gateway.simulator.ky;

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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * KY (开元棋牌) as the provider serves it ({@code docs/providers.md}, "KY"): {@code GET channelHandle}
 * and {@code GET getRecordHandle} with {@code agent}, {@code timestamp} (epoch ms, within 5 minutes),
 * {@code param} (Base64 of the AES-128-ECB encrypted query) and {@code key} (MD5 of agent, timestamp
 * and MD5 key). Answers {@code {"s":100+op,"m":path,"d":{"code":..}}}; bet records in columns,
 * Beijing time.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class KySide implements ProviderSide {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    /** KindIDs of the games this KY line offers; 0 is the lobby. */
    private static final Set<String> KINDS = Set.of("0", "220", "230", "600", "620", "630", "720", "830", "860", "900");
    private static final long CLOCK_SKEW_MILLIS = 5 * 60_000;
    private static final long MAX_WINDOW_MILLIS = 60 * 60_000;

    private final SimulatorBank bank;
    private final Clock clock;
    private final String agent;
    private final byte[] aesKey;
    private final String md5Key;
    private final Pattern orderId;

    KySide(SimulatorBank bank, SimulatorCredentials credentials, Clock clock) {
        this.bank = bank;
        this.clock = clock;
        this.agent = credentials.of("KY", "agent", 8);
        this.aesKey = credentials.of("KY", "aes-key", 16).getBytes(StandardCharsets.UTF_8);
        this.md5Key = credentials.of("KY", "md5-key", 24);
        // KY's rule for order ids: agent, yyyyMMddHHmmssSSS, account.
        this.orderId = Pattern.compile(Pattern.quote(agent) + "\\d{17}[A-Za-z0-9_]{1,64}");
    }

    @Override
    public String game() {
        return "KY";
    }

    @Override
    public List<String> playedGames() {
        return List.of("220", "230", "600", "620", "630", "720", "830", "860", "900");
    }

    @Override
    public Call route(SimRequest request) {
        String path = request.path();
        if (!request.method().equals("GET") || !(path.equals("/channelHandle") || path.equals("/getRecordHandle"))) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        Map<String, String> q = request.query();
        if (!SimCrypto.same(agent, q.get("agent")) || !SimCrypto.same(SimCrypto.md5(q.get("agent") + q.get("timestamp") + md5Key),
                q.get("key"))) {
            return Call.refused(answer(0, path, Map.of("code", 15)));
        }
        if (!q.getOrDefault("timestamp", "").matches("\\d{13}")
                || Math.abs(clock.millis() - Long.parseLong(q.get("timestamp"))) > CLOCK_SKEW_MILLIS) {
            return Call.refused(answer(0, path, Map.of("code", 3)));
        }
        Map<String, String> p;
        try {
            String plain = SimCrypto.decrypt("AES/ECB/PKCS5Padding", "AES", aesKey, null, Base64.getDecoder().decode(q.get("param")));
            p = raw(plain);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Call.refused(answer(0, path, Map.of("code", 22)));
        }
        int s = p.getOrDefault("s", "").matches("\\d") ? Integer.parseInt(p.get("s")) : -1;
        if (path.equals("/getRecordHandle") != (s == 6)) {
            return Call.refused(answer(s, path, Map.of("code", 24)));
        }
        return switch (s) {
            case 0 -> call("launch", s, path, () -> login(p));
            case 1 -> call("balance", s, path, () -> balance(p));
            case 2, 3 -> call("transfer", s, path, () -> transfer(p, s == 2));
            case 4 -> call("transfer-status", s, path, () -> status(p));
            case 6 -> call("bets", s, path, () -> records(p));
            default -> Call.refused(answer(s, path, Map.of("code", 24)));
        };
    }

    private Call call(String operation, int s, String path, Supplier<Map<String, Object>> apply) {
        return Call.of(operation, () -> answer(s, path, apply.get()), answer(s, path, Map.of("code", 43)),
                new SimResponse(500, "application/json;charset=UTF-8",
                        ("{\"s\":" + (100 + s) + ",\"m\":\"" + path + "\",\"d\":{\"code\":-1}}").getBytes(StandardCharsets.UTF_8)));
    }

    /** s=0: logs in, creating the account on first use, and answers the game URL. */
    private Map<String, Object> login(Map<String, String> p) {
        String account = p.getOrDefault("account", "");
        if (!ACCOUNT.matcher(account).matches() || !orderId.matcher(p.getOrDefault("orderid", "")).matches()) {
            return Map.of("code", 29);
        }
        String kind = p.getOrDefault("KindID", "0");
        if (!KINDS.contains(kind)) {
            return Map.of("code", 2);
        }
        bank.openAccount("KY", account, "CNY");
        String token = bank.launch("KY", account, "PC", "zh-CN", kind).orElseThrow();
        return Map.of("code", 0, "url", "https://ky.simulator.invalid/play?token=" + token + "&KindID=" + kind);
    }

    private Map<String, Object> balance(Map<String, String> p) {
        return bank.balance("KY", p.getOrDefault("account", ""))
                .<Map<String, Object>>map(b -> Map.of("code", 0, "account", p.get("account"), "money", b.toPlainString()))
                .orElse(Map.of("code", 35));
    }

    /** s=2 deposit, s=3 withdraw; an order id KY has seen is refused as a duplicate, whatever it carries. */
    private Map<String, Object> transfer(Map<String, String> p, boolean deposit) {
        String account = p.getOrDefault("account", "");
        String money = p.getOrDefault("money", "");
        String id = p.getOrDefault("orderid", "");
        if (!orderId.matcher(id).matches() || !id.endsWith(account)) {
            return Map.of("code", 29);
        }
        if (!MONEY.matcher(money).matches() || new BigDecimal(money).signum() <= 0) {
            return Map.of("code", 31);
        }
        if (bank.order("KY", id).isPresent()) {
            return Map.of("code", 34);
        }
        SimulatorBank.Transfer t = bank.transfer("KY", id, account, new BigDecimal(money).setScale(2, RoundingMode.UNNECESSARY), deposit);
        return switch (t.outcome()) {
            case APPLIED -> Map.of("code", 0, "account", account, "money", t.balance().toPlainString());
            case INSUFFICIENT_BALANCE -> Map.of("code", 38);
            case NO_ACCOUNT -> Map.of("code", 35);
            default -> Map.of("code", 34);
        };
    }

    /** s=4: -1 no such order, 0 success, 2 failure. */
    private Map<String, Object> status(Map<String, String> p) {
        return bank.order("KY", p.getOrDefault("orderid", ""))
                .<Map<String, Object>>map(o -> Map.of("code", 0, "status", o.status().equals("SUCCESS") ? 0 : 2,
                        "money", o.amount().toPlainString()))
                .orElse(Map.of("code", 0, "status", -1));
    }

    /**
     * s=6: the rounds finished (or changed) in the window, as columns. KY's log reports finished
     * rounds only, so an open bet appears once it is settled; a round KY cancelled comes back with
     * {@code Cancelled} 1 and no profit (the simulator's addition, documented in docs/providers.md).
     */
    private Map<String, Object> records(Map<String, String> p) {
        if (!p.getOrDefault("startTime", "").matches("\\d{13}") || !p.getOrDefault("endTime", "").matches("\\d{13}")) {
            return Map.of("code", 24);
        }
        long start = Long.parseLong(p.get("startTime"));
        long end = Long.parseLong(p.get("endTime"));
        if (end <= start || end - start > MAX_WINDOW_MILLIS) {
            return Map.of("code", 24);
        }
        List<SimulatedBet> bets = bank.bets("KY", Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), true).stream()
                .filter(b -> b.status() != SimulatedBet.Status.OPEN).toList();
        if (bets.isEmpty()) {
            return Map.of("code", 16);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("GameID", column(bets, SimulatedBet::betId));
        list.put("Accounts", column(bets, b -> agent + "_" + b.account()));
        list.put("ServerID", column(bets, b -> "3703"));
        list.put("KindID", column(bets, SimulatedBet::gameId));
        list.put("TableID", column(bets, b -> "74060002"));
        list.put("CellScore", column(bets, b -> b.validBet().toPlainString()));
        list.put("AllBet", column(bets, b -> b.stake().toPlainString()));
        list.put("Profit", column(bets, b -> b.winLoss().toPlainString()));
        list.put("Revenue", column(bets, b -> "0.00"));
        list.put("GameStartTime", column(bets, b -> beijing(b.betTime())));
        list.put("GameEndTime", column(bets, b -> beijing(b.updatedAt())));
        list.put("Cancelled", column(bets, b -> b.status() == SimulatedBet.Status.VOID ? "1" : "0"));
        list.put("LineCode", column(bets, b -> agent + "_LC"));
        return Map.of("code", 0, "start", start, "end", end, "count", bets.size(), "list", list);
    }

    private static List<String> column(List<SimulatedBet> bets, Function<SimulatedBet, String> value) {
        return bets.stream().map(value).toList();
    }

    private static String beijing(Instant instant) {
        return LocalDateTime.ofInstant(instant, BEIJING).format(TIME);
    }

    /** The decrypted query: {@code k=v&k=v} with raw values, as KY's documents give it. */
    private static Map<String, String> raw(String plain) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : plain.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static SimResponse answer(int s, String path, Map<String, Object> d) {
        return SimResponse.json(200, "{\"s\":" + (100 + s) + ",\"m\":\"" + path + "\",\"d\":" + SimJson.of(d) + "}");
    }
}
