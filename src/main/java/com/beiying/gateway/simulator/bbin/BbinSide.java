package com.beiying.gateway.simulator.bbin;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * BBIN (波音) as the provider serves it ({@code docs/providers.md}, "BBIN"):
 * {@code GET app/WebService/JSON/display.php/<Action>} with {@code website}, {@code uppername} and
 * {@code key}, whose middle 32 characters must be {@code md5(website + value + KeyB + yyyyMMdd)}
 * for the action's own KeyB and GMT-4 date (the day of five minutes ago or ahead, for calls made
 * around midnight). Answers {@code {"result":..,"data":{"Code":..,"Message":..}}}; wager records
 * by modification time in pages, five minutes at most inside one GMT-4 day, seven days back at most.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class BbinSide implements ProviderSide {
    private static final String GAME = "BBIN";
    private static final String PREFIX = "/app/webservice/json/display.php/";
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    /** The live GameTypes this BBIN line offers (3001 baccarat, 3003 dragon tiger, 3007 roulette, ...). */
    private static final Set<String> GAME_TYPES = Set.of("3001", "3003", "3005", "3006", "3007", "3008", "3010", "3011", "3012",
            "3014", "3015", "3016", "3017", "3018");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_WINDOW = Duration.ofMinutes(5);
    private static final Duration LOOK_BACK = Duration.ofDays(7);

    /** One action's KeyB, the lengths around the MD5, and which parameters make its value. */
    private record Signing(String keyB, int before, int after, Function<Map<String, String>, String> value) {
    }

    private final SimulatorBank bank;
    private final Clock clock;
    private final String website;
    private final String upperName;
    private final Map<String, Signing> signings = new LinkedHashMap<>();

    BbinSide(SimulatorBank bank, SimulatorCredentials credentials, Clock clock) {
        this.bank = bank;
        this.clock = clock;
        this.website = credentials.of(GAME, "website", 6);
        this.upperName = credentials.of(GAME, "uppername", 8);
        Function<Map<String, String>, String> user = q -> q.getOrDefault("username", "");
        Function<Map<String, String>, String> none = q -> "";
        signings.put("createmember", new Signing(credentials.of(GAME, "create-member-key", 8), 2, 6, user));
        signings.put("createsession", new Signing(credentials.of(GAME, "create-session-key", 8), 7, 2, user));
        signings.put("checkusrbalance", new Signing(credentials.of(GAME, "check-usr-balance-key", 8), 1, 8, user));
        signings.put("transfer", new Signing(credentials.of(GAME, "transfer-key", 8), 3, 7,
                q -> q.getOrDefault("username", "") + q.getOrDefault("remitno", "")));
        signings.put("checktransfer", new Signing(credentials.of(GAME, "check-transfer-key", 8), 2, 3, none));
        signings.put("gameurlby3", new Signing(credentials.of(GAME, "game-url-key", 8), 6, 7, none));
        signings.put("wagersrecordby3", new Signing(credentials.of(GAME, "wagers-record-key", 8), 4, 8, none));
    }

    @Override
    public String game() {
        return GAME;
    }

    @Override
    public Call route(SimRequest request) {
        String path = request.path().toLowerCase(Locale.ROOT);
        String action = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Signing signing = signings.get(action);
        if (!request.method().equals("GET") || signing == null) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        Map<String, String> q = request.query();
        if (!website.equals(q.get("website"))) {
            return Call.refused(answer(false, coded("40005", "The website is not exist")));
        }
        if (!action.equals("gameurlby3") && !upperName.equals(q.get("uppername"))) {
            return Call.refused(answer(false, coded("22006", "The uppername is not exist")));
        }
        if (!signed(q.getOrDefault("key", ""), signing, signing.value().apply(q))) {
            return Call.refused(answer(false, coded("44000", "Key error")));
        }
        return switch (action) {
            case "createmember" -> call("accounts", () -> createMember(q));
            case "checkusrbalance" -> call("balance", () -> balance(q));
            case "transfer" -> call("transfer", () -> transfer(q));
            case "checktransfer" -> call("transfer-status", () -> checkTransfer(q));
            case "createsession" -> call("launch", () -> createSession(q));
            case "gameurlby3" -> call("launch", () -> gameUrl(q));
            default -> call("bets", () -> wagers(q));
        };
    }

    /** Whether the key's middle 32 characters are the MD5 BBIN expects for one of today's GMT-4 dates. */
    private boolean signed(String key, Signing s, String value) {
        if (key.length() != s.before() + 32 + s.after()) {
            return false;
        }
        String md5 = key.substring(s.before(), s.before() + 32);
        Instant now = clock.instant();
        for (Instant at : List.of(now.minus(SKEW), now.plus(SKEW))) {
            String date = LocalDate.ofInstant(at, GMT_MINUS_4).format(DateTimeFormatter.BASIC_ISO_DATE);
            if (SimCrypto.same(SimCrypto.md5(website + value + s.keyB() + date), md5)) {
                return true;
            }
        }
        return false;
    }

    private static Call call(String operation, Supplier<SimResponse> apply) {
        return Call.of(operation, apply, answer(false, coded("44444", "System is in maintenance")),
                SimResponse.json(500, SimJson.of(Map.of("result", false, "data", coded("44003", "System is busy")))));
    }

    private SimResponse createMember(Map<String, String> q) {
        String user = q.getOrDefault("username", "");
        if (!USER_NAME.matcher(user).matches()) {
            return answer(false, coded("47005", "The username is illegal"));
        }
        return bank.openAccount(GAME, user, "CNY") ? answer(true, coded("21100", "The member is created successfully"))
                : answer(false, coded("21001", "The account is repeated"));
    }

    private SimResponse balance(Map<String, String> q) {
        String user = q.getOrDefault("username", "");
        return bank.balance(GAME, user).map(b -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("LoginName", user);
            row.put("Currency", "RMB");
            row.put("Balance", b);
            row.put("TotalBalance", b);
            return page(List.of(row), 1, 1, 1);
        }).orElseGet(BbinSide::noMember);
    }

    /** Transfer: a remitno BBIN has seen is refused (11000), whatever it carries. */
    private SimResponse transfer(Map<String, String> q) {
        String user = q.getOrDefault("username", "");
        String remitNo = q.getOrDefault("remitno", "");
        String action = q.getOrDefault("action", "");
        String remit = q.getOrDefault("remit", "");
        if (!remitNo.matches("\\d{1,19}") || !(action.equals("IN") || action.equals("OUT"))) {
            return answer(false, coded("44001", "The parameters are not complete.."));
        }
        if (!MONEY.matcher(remit).matches() || new BigDecimal(remit).signum() <= 0) {
            return answer(false, coded("10008", "The remit is illegal"));
        }
        if (bank.order(GAME, remitNo).isPresent()) {
            return answer(false, coded("11000", "The remitno is repeated"));
        }
        SimulatorBank.Transfer t = bank.transfer(GAME, remitNo, user, new BigDecimal(remit).setScale(2, RoundingMode.UNNECESSARY),
                action.equals("IN"));
        return switch (t.outcome()) {
            case APPLIED -> answer(true, coded("11100", "Transfer Successful"));
            case INSUFFICIENT_BALANCE -> answer(false, coded("10002", "Sorry, your balance is not enough"));
            case NO_ACCOUNT -> noMember();
            default -> answer(false, coded("11000", "The remitno is repeated"));
        };
    }

    /** CheckTransfer: Status 1 done, -1 failed; a transid BBIN never took has no record (no Status). */
    private SimResponse checkTransfer(Map<String, String> q) {
        String id = q.getOrDefault("transid", "");
        return answer(true, bank.order(GAME, id).<Map<String, Object>>map(o -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("TransID", id);
            data.put("TransType", o.deposit() ? "IN" : "OUT");
            data.put("Status", o.status().equals("SUCCESS") ? 1 : -1);
            data.put("UserName", o.account());
            return data;
        }).orElse(Map.of()));
    }

    private SimResponse createSession(Map<String, String> q) {
        String platform = "2".equals(q.get("ingress")) ? "H5" : "PC";
        String lang = "en-us".equals(q.get("lang")) ? "en" : "zh-CN";
        return bank.launch(GAME, q.getOrDefault("username", ""), platform, lang, null)
                .map(session -> answer(true, Map.of("sessionid", session))).orElseGet(BbinSide::noMember);
    }

    /** GameUrlBy3: the session's addresses for PC, mobile and responsive pages; the lobby, or a table type it offers. */
    private SimResponse gameUrl(Map<String, String> q) {
        String session = q.getOrDefault("sessionid", "");
        String gameType = q.get("gametype");
        if (!session.matches("[0-9a-f]{32}")) {
            return answer(false, coded("44001", "The parameters are not complete.."));
        }
        if (gameType != null && !GAME_TYPES.contains(gameType)) {
            return answer(false, coded("45007", "The game is not open"));
        }
        String url = "https://bbin.simulator.invalid/live?sid=" + session + (gameType == null ? "" : "&gametype=" + gameType);
        Map<String, Object> urls = new LinkedHashMap<>();
        urls.put("pc", url);
        urls.put("mobile", url + "&ingress=2");
        urls.put("rwd", url + "&rwd=1");
        return answer(true, List.of(urls));
    }

    /**
     * WagersRecordBy3: the wagers changed ({@code ModifiedTime}) or placed ({@code BetTime}) between
     * {@code starttime} and {@code endtime} (both inclusive, to the second) of one GMT-4 {@code date}.
     * {@code Result} X unsettled, W/L/D settled and resettled by the sign of {@code Payoff}, C cancelled.
     */
    private SimResponse wagers(Map<String, String> q) {
        String action = q.getOrDefault("action", "");
        LocalDateTime start;
        LocalDateTime end;
        try {
            LocalDate date = LocalDate.parse(q.getOrDefault("date", ""));
            start = date.atTime(LocalTime.parse(q.getOrDefault("starttime", "")));
            end = date.atTime(LocalTime.parse(q.getOrDefault("endtime", "")));
        } catch (DateTimeParseException e) {
            return answer(false, coded("40014", "The date is error"));
        }
        int page = q.getOrDefault("page", "").matches("\\d{1,6}") ? Integer.parseInt(q.get("page")) : 0;
        int limit = q.getOrDefault("pagelimit", "").matches("\\d{1,5}") ? Integer.parseInt(q.get("pagelimit")) : 0;
        Instant from = start.toInstant(GMT_MINUS_4);
        if (!(action.equals("ModifiedTime") || action.equals("BetTime")) || end.isBefore(start)
                || Duration.between(start, end).compareTo(MAX_WINDOW) > 0 || from.isBefore(clock.instant().minus(LOOK_BACK))
                || page < 1 || limit < 1 || limit > 10_000) {
            return answer(false, coded("40014", "The date is error"));
        }
        List<SimulatedBet> bets = bank.bets(GAME, from, end.plusSeconds(1).toInstant(GMT_MINUS_4), action.equals("ModifiedTime"));
        List<Map<String, Object>> rows = bets.subList(Math.min(bets.size(), (page - 1) * limit), Math.min(bets.size(), page * limit))
                .stream().map(this::row).toList();
        return page(rows, page, limit, bets.size());
    }

    private Map<String, Object> row(SimulatedBet b) {
        BigDecimal payoff = b.winLoss();
        String result = switch (b.status()) {
            case OPEN -> "X";
            case VOID -> "C";
            case SETTLED, RESETTLED -> payoff.signum() > 0 ? "W" : payoff.signum() < 0 ? "L" : "D";
        };
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("UserName", b.account());
        row.put("WagersID", b.betId());
        row.put("WagersDate", gmtMinus4(b.betTime()));
        row.put("SerialID", b.roundId());
        row.put("RoundNo", b.roundId());
        row.put("GameType", b.gameId());
        row.put("GameCode", "1");
        row.put("Result", result);
        row.put("ResultType", "");
        row.put("Card", "");
        row.put("BetAmount", b.stake().toPlainString());
        row.put("Payoff", payoff.setScale(4).toPlainString());
        row.put("Currency", b.currency().equals("CNY") ? "RMB" : b.currency());
        row.put("ExchangeRate", "1.000000");
        row.put("Commissionable", b.status() == SimulatedBet.Status.VOID ? "0.00" : b.validBet().toPlainString());
        row.put("Commission", "0.00");
        row.put("Origin", "MI1");
        row.put("ModifiedDate", gmtMinus4(b.updatedAt()));
        row.put("Client", "0");
        row.put("Portal", "0");
        return row;
    }

    private static SimResponse page(List<?> rows, int page, int limit, int total) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("Page", page);
        pagination.put("PageLimit", limit);
        // BBIN writes the total as text and the pages as a number.
        pagination.put("TotalNumber", Integer.toString(total));
        pagination.put("TotalPage", Math.max(1, (total + limit - 1) / limit));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", true);
        root.put("data", rows);
        root.put("pagination", pagination);
        return SimResponse.json(200, SimJson.of(root));
    }

    private static SimResponse noMember() {
        return answer(false, coded("22002", "The member is not exist"));
    }

    private static Map<String, Object> coded(String code, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Code", code);
        data.put("Message", message);
        return data;
    }

    private static SimResponse answer(boolean result, Object data) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("result", result);
        root.put("data", data);
        return SimResponse.json(200, SimJson.of(root));
    }

    private static String gmtMinus4(Instant instant) {
        return LocalDateTime.ofInstant(instant, GMT_MINUS_4).format(TIME);
    }
}
