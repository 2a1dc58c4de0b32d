package com.beiying.gateway.simulator.aglive;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.simulator.ProviderSide;
import com.beiying.gateway.simulator.SimCrypto;
import com.beiying.gateway.simulator.SimRequest;
import com.beiying.gateway.simulator.SimResponse;
import com.beiying.gateway.simulator.SimulatedBet;
import com.beiying.gateway.simulator.SimulatorBank;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * AG视讯 as the provider serves it ({@code docs/providers.md}, "AGLive"): {@code doBusiness.do}
 * and {@code forwardGame.do} take {@code params} (DES, either the ancestor's CBC with the key as IV
 * in upper-case hex or the public samples' ECB in Base64; parameters split on slash, backslashes,
 * slash) and {@code key} ({@code md5(params + md5Key)}); {@code doBusiness.do} also wants
 * {@code User-Agent: WEB_LIB_GI_<cagent>}. Answers {@code <result info msg/>}. The data API
 * {@code getorders.xml} is signed with the pidtoken and answers XML rows in pages, GMT-4.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class AgLiveSide implements ProviderSide {
    private static final String GAME = "AGLive";
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern LOGIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,19}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{1,19}");
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final Set<String> CURRENCIES = Set.of("CNY", "USD", "HKD", "TWD", "THB", "VND", "MYR", "IDR", "PHP", "KRW", "JPY",
            "INR", "EUR");
    /** gameType codes this AG line opens: lobbies (0, 1 flagship hall, 11 HTML5) and live tables. */
    private static final Set<String> GAME_TYPES = Set.of("0", "1", "11", "BAC", "CBAC", "LBAC", "LINK", "DT", "SHB", "ROU", "FT",
            "NN", "BJ", "ZJH");
    private static final Duration MAX_WINDOW = Duration.ofMinutes(10);
    private static final int MAX_PER_PAGE = 500;

    private final SimulatorBank bank;
    private final String cagent;
    private final byte[] desKey;
    private final String md5Key;
    private final String pidToken;
    private final Pattern billNo;

    AgLiveSide(SimulatorBank bank, SimulatorCredentials credentials) {
        this.bank = bank;
        this.cagent = credentials.of(GAME, "cagent", 3);
        this.desKey = credentials.of(GAME, "des-key", 8).getBytes(StandardCharsets.US_ASCII);
        this.md5Key = credentials.of(GAME, "md5-key", 12);
        this.pidToken = credentials.of(GAME, "pidtoken", 32);
        // AG's rule for billno and sid: the cagent and a unique sequence of 13 to 16 digits.
        this.billNo = Pattern.compile(Pattern.quote(cagent) + "\\d{13,16}");
    }

    @Override
    public String game() {
        return GAME;
    }

    @Override
    public Call route(SimRequest request) {
        String path = request.path();
        if (!request.method().equals("GET")) {
            return Call.refused(SimResponse.xml(405, result("error", "GET only")));
        }
        if (path.equals("/getorders.xml")) {
            return records(request);
        }
        boolean launch = path.equals("/forwardGame.do");
        if (!launch && !path.equals("/doBusiness.do")) {
            return Call.refused(SimResponse.xml(404, result("error", "not found")));
        }
        String params = request.query().getOrDefault("params", "");
        boolean agentHeader = launch || ("WEB_LIB_GI_" + cagent).equals(request.header("User-Agent"));
        if (!agentHeader || !SimCrypto.same(SimCrypto.md5(params + md5Key), request.query().get("key"))) {
            return Call.refused(SimResponse.xml(200, result("key_error", "")));
        }
        Optional<Map<String, String>> opened = open(params);
        if (opened.isEmpty() || !cagent.equals(opened.get().get("cagent"))) {
            return Call.refused(SimResponse.xml(200, result("key_error", "")));
        }
        Map<String, String> p = opened.get();
        if (launch) {
            return call("launch", () -> forwardGame(p));
        }
        return switch (p.getOrDefault("method", "")) {
            case "lg" -> call("accounts", () -> createAccount(p));
            case "gb" -> call("balance", () -> balance(p));
            case "tc" -> call("transfer", () -> prepare(p));
            case "tcc" -> call("transfer", () -> confirm(p));
            case "qos" -> call("transfer-status", () -> status(p));
            default -> Call.refused(SimResponse.xml(200, result("error", "error:method")));
        };
    }

    private static Call call(String operation, Supplier<SimResponse> apply) {
        return Call.of(operation, apply, SimResponse.xml(200, result("maintenance", "System is under maintenance")),
                SimResponse.xml(500, result("network_error", "")));
    }

    /** lg: creates the account in its currency, or finds it; an account of another currency is AG's failure to add one. */
    private SimResponse createAccount(Map<String, String> p) {
        String account = p.getOrDefault("loginname", "");
        String cur = p.getOrDefault("cur", "");
        if (!LOGIN_NAME.matcher(account).matches() || !PASSWORD.matcher(p.getOrDefault("password", "")).matches()
                || !CURRENCIES.contains(cur) || !"1".equals(p.get("actype"))) {
            return answer("account_add_fail", "");
        }
        bank.openAccount(GAME, account, cur);
        return bank.currency(GAME, account).filter(cur::equals).isPresent() ? answer("0", "") : answer("account_add_fail", "");
    }

    private SimResponse balance(Map<String, String> p) {
        return account(p).flatMap(a -> bank.balance(GAME, a)).map(b -> answer(b.setScale(2).toPlainString(), ""))
                .orElseGet(AgLiveSide::noAccount);
    }

    /** tc: records the transfer without moving money; a withdrawal beyond the balance is refused here already. */
    private SimResponse prepare(Map<String, String> p) {
        String id = p.getOrDefault("billno", "");
        String type = p.getOrDefault("type", "");
        String credit = p.getOrDefault("credit", "");
        Optional<String> account = account(p);
        if (account.isEmpty()) {
            return noAccount();
        }
        if (!billNo.matcher(id).matches() || !(type.equals("IN") || type.equals("OUT"))) {
            return answer("error", "error:10001,Invalid billno or type");
        }
        if (!MONEY.matcher(credit).matches() || new BigDecimal(credit).signum() <= 0) {
            return answer("error", "error:10000,Credit can't be negative");
        }
        BigDecimal amount = new BigDecimal(credit).setScale(2, RoundingMode.UNNECESSARY);
        if (bank.order(GAME, id).filter(o -> !o.status().equals("PREPARED")).isPresent()) {
            return answer("duplicate_billno", "billno exists");
        }
        if (type.equals("OUT") && bank.balance(GAME, account.get()).orElseThrow().compareTo(amount) < 0) {
            return answer("error", "error:10002,Credit not enough");
        }
        return switch (bank.prepare(GAME, id, account.get(), amount, type.equals("IN")).outcome()) {
            case APPLIED -> answer("0", "");
            case NO_ACCOUNT -> noAccount();
            default -> answer("duplicate_billno", "billno exists");
        };
    }

    /** tcc: flag 1 applies a prepared transfer, 0 cancels it; a billno, type or credit other than the prepare's is refused. */
    private SimResponse confirm(Map<String, String> p) {
        String id = p.getOrDefault("billno", "");
        Optional<SimulatorBank.Order> order = bank.order(GAME, id);
        if (order.isEmpty()) {
            return answer("billno_not_exist", "");
        }
        SimulatorBank.Order o = order.get();
        String credit = p.getOrDefault("credit", "");
        if (!o.account().equals(p.get("loginname")) || !(o.deposit() ? "IN" : "OUT").equals(p.get("type"))
                || !MONEY.matcher(credit).matches() || new BigDecimal(credit).compareTo(o.amount()) != 0) {
            return answer("2", "");
        }
        boolean apply = "1".equals(p.get("flag"));
        return switch (bank.confirm(GAME, id, apply).outcome()) {
            case APPLIED -> answer("0", "");
            case NO_ORDER -> answer("billno_not_exist", "");
            default -> answer(apply ? "1" : "0", "");
        };
    }

    /**
     * qos: 0 done, 1 failed; a prepare never confirmed moved no money and shows as 1 ("failed, order
     * unprocessed"); a billno AG never took is {@code billno_not_exist} (the simulator's word).
     */
    private SimResponse status(Map<String, String> p) {
        return bank.order(GAME, p.getOrDefault("billno", ""))
                .map(o -> answer(o.status().equals("SUCCESS") ? "0" : "1", ""))
                .orElseGet(() -> answer("billno_not_exist", ""));
    }

    /** forwardGame.do: opens the game for the account and forwards the browser there. */
    private SimResponse forwardGame(Map<String, String> p) {
        String gameType = p.getOrDefault("gameType", "0");
        if (!GAME_TYPES.contains(gameType)) {
            return answer("gametype_error", "game type not offered");
        }
        if (!billNo.matcher(p.getOrDefault("sid", "")).matches()) {
            return answer("error", "error:sid");
        }
        String platform = "y".equals(p.get("mh5")) ? "H5" : "PC";
        String lang = "3".equals(p.get("lang")) ? "en" : "zh-CN";
        Optional<String> token = account(p).flatMap(a -> bank.launch(GAME, a, platform, lang, gameType));
        if (token.isEmpty()) {
            return noAccount();
        }
        String url = "https://aglive.simulator.invalid/agingame?token=" + token.get() + "&gameType=" + gameType;
        return new SimResponse(200, "text/html;charset=UTF-8", ("<html><head><meta http-equiv=\"refresh\" content=\"0;url="
                + url.replace("&", "&amp;") + "\"></head><body></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** The account the call names, if it exists in the currency the call names. */
    private Optional<String> account(Map<String, String> p) {
        String account = p.getOrDefault("loginname", "");
        return bank.currency(GAME, account).filter(c -> c.equals(p.get("cur"))).map(c -> account);
    }

    /** getorders.xml: {@code key = md5(cagent+startdate+enddate+gametype+order+by+page+perpage+pidtoken)}. */
    private Call records(SimRequest request) {
        Map<String, String> q = request.query();
        String signed = String.join("", q.getOrDefault("cagent", ""), q.getOrDefault("startdate", ""), q.getOrDefault("enddate", ""),
                q.getOrDefault("gametype", ""), q.getOrDefault("order", ""), q.getOrDefault("by", ""), q.getOrDefault("page", ""),
                q.getOrDefault("perpage", ""), pidToken);
        if (!cagent.equals(q.get("cagent")) || !SimCrypto.same(SimCrypto.md5(signed), q.get("key"))) {
            return Call.refused(SimResponse.xml(200, orders("key_error", "")));
        }
        return Call.of("bets", () -> SimResponse.xml(200, rows(q)), SimResponse.xml(200, orders("maintenance", "")),
                SimResponse.xml(500, orders("network_error", "")));
    }

    /**
     * The bets changed in the window, oldest change first: unsettled ones with {@code flag} 0, settled
     * and resettled ones with {@code flag} 1 and their latest {@code recalcuTime}, voided ones with
     * {@code flag} -9 (AG's "cancelled bet") and no net amount.
     */
    private String rows(Map<String, String> q) {
        LocalDateTime start;
        LocalDateTime end;
        try {
            start = LocalDateTime.parse(q.getOrDefault("startdate", ""), TIME);
            end = LocalDateTime.parse(q.getOrDefault("enddate", ""), TIME);
        } catch (DateTimeParseException e) {
            return orders("date_error", "");
        }
        int page = q.getOrDefault("page", "").matches("\\d{1,6}") ? Integer.parseInt(q.get("page")) : 0;
        int perPage = q.getOrDefault("perpage", "").matches("\\d{1,4}") ? Integer.parseInt(q.get("perpage")) : 0;
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0 || page < 1 || perPage < 1
                || perPage > MAX_PER_PAGE) {
            return orders("date_error", "");
        }
        String gameType = q.getOrDefault("gametype", "");
        List<SimulatedBet> bets = bank.bets(GAME, start.toInstant(GMT_MINUS_4), end.toInstant(GMT_MINUS_4), true).stream()
                .filter(b -> gameType.isEmpty() || gameType.equals(b.gameId())).toList();
        int pages = Math.max(1, (bets.size() + perPage - 1) / perPage);
        StringBuilder rows = new StringBuilder();
        for (SimulatedBet b : bets.subList(Math.min(bets.size(), (page - 1) * perPage), Math.min(bets.size(), page * perPage))) {
            String flag = switch (b.status()) {
                case OPEN -> "0";
                case SETTLED, RESETTLED -> "1";
                case VOID -> "-9";
            };
            Map<String, String> row = new LinkedHashMap<>();
            row.put("dataType", "BR");
            row.put("billNo", b.betId());
            row.put("playName", b.account());
            row.put("agentCode", cagent);
            row.put("gameCode", b.roundId());
            row.put("netAmount", b.winLoss().toPlainString());
            row.put("betTime", gmtMinus4(b.betTime()));
            row.put("gameType", b.gameId());
            row.put("betAmount", b.stake().toPlainString());
            row.put("validBetAmount", b.status() == SimulatedBet.Status.VOID ? "0.00" : b.validBet().toPlainString());
            row.put("flag", flag);
            row.put("playType", "1");
            row.put("currency", b.currency());
            row.put("tableCode", "C001");
            row.put("recalcuTime", b.status() == SimulatedBet.Status.OPEN ? "" : gmtMinus4(b.updatedAt()));
            row.put("platformType", "AGIN");
            row.put("round", "AGQ");
            rows.append("<row");
            row.forEach((k, v) -> rows.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
            rows.append("/>");
        }
        return orders("0", rows + "<addition><total>" + bets.size() + "</total><num_per_page>" + perPage + "</num_per_page>"
                + "<currentpage>" + page + "</currentpage><totalpage>" + pages + "</totalpage><perpage>" + perPage
                + "</perpage></addition>");
    }

    /** The parameters of {@code params}: hex opens with DES-CBC (IV = key), anything else with DES-ECB from Base64. */
    private Optional<Map<String, String>> open(String params) {
        String plain = null;
        if (params.matches("([0-9A-Fa-f]{2})+")) {
            plain = decrypt("DES/CBC/PKCS5Padding", desKey, HexFormat.of().parseHex(params));
        }
        if (plain == null) {
            try {
                plain = decrypt("DES/ECB/PKCS5Padding", null, Base64.getDecoder().decode(params));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (plain == null) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        // Clients send two or four backslashes between the slashes; AG takes either.
        for (String pair : plain.split("/\\\\+/")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Optional.of(out);
    }

    private String decrypt(String transformation, byte[] iv, byte[] sealed) {
        try {
            return SimCrypto.decrypt(transformation, "DES", desKey, iv, sealed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SimResponse noAccount() {
        return answer("error", "error:60001,Account not exist with this currency value or account hierarchical error!");
    }

    private static SimResponse answer(String info, String msg) {
        return SimResponse.xml(200, result(info, msg));
    }

    private static String result(String info, String msg) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><result info=\"" + escape(info) + "\" msg=\"" + escape(msg) + "\"/>";
    }

    private static String orders(String info, String content) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><result><info>" + escape(info) + "</info>" + content + "</result>";
    }

    private static String gmtMinus4(Instant instant) {
        return LocalDateTime.ofInstant(instant, GMT_MINUS_4).format(TIME);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
