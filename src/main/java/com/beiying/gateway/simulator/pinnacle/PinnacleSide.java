package com.beiying.gateway.simulator.pinnacle;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pinnacle (平博, AP Gaming B2B) as the provider serves it ({@code docs/providers.md},
 * "Pinnacle"): the headers {@code userCode} (the agent code) and {@code token} (AES-128-CBC with
 * the IV {@code RandomInitVector} over {@code agentCode|timestampMs|md5(agentCode + timestampMs +
 * agentKey)}, 15 minutes valid) on every call; writes by {@code GET} with a query or
 * {@code POST} with a JSON body, reads by {@code GET}. Answers bare objects or arrays, refusals
 * {@code {"code","message"}}, unexpected errors {@code {"trace"}}; dates in fixed GMT-4.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
class PinnacleSide implements ProviderSide {
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final byte[] IV = "RandomInitVector".getBytes(StandardCharsets.UTF_8);
    private static final Duration TOKEN_LIFE = Duration.ofMinutes(15);
    /** A token stamped a little ahead of this clock is the caller's clock running fast, not a forgery. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration MAX_SPAN = Duration.ofHours(24);
    private static final Duration MAX_SPAN_FOR_ONE_PLAYER = Duration.ofHours(168);
    private static final Pattern LOGIN_ID = Pattern.compile("[A-Za-z0-9-]{6,50}");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,8}(\\.\\d+)?");
    private static final Set<String> LOCALES = Set.of("en", "zh-cn", "zh-tw", "id", "vi", "ja", "ko", "th", "fr", "de", "es",
            "pt", "ru", "tr", "hi", "hy", "ka", "uk", "he", "km", "sv", "fi", "no", "it", "tl");
    private static final Set<String> ODDS_FORMATS = Set.of("AM", "EU", "HK", "ID", "MY");
    /** The sports this Pinnacle line offers, by {@code sportId}, with the names loginV2 takes. */
    private static final Map<String, String> SPORTS = Map.of("29", "Soccer", "4", "Basketball", "33", "Tennis", "12", "E-Sports",
            "3", "Baseball", "15", "Football", "19", "Hockey", "34", "Volleyball");
    private static final Map<String, String> SPORT_BY_SLUG = SPORTS.entrySet().stream()
            .collect(Collectors.toMap(e -> e.getValue().toLowerCase(Locale.ROOT).replace(' ', '-'), Map.Entry::getKey));

    private final SimulatorBank bank;
    private final ObjectReader json;
    private final Clock clock;
    private final String agentCode;
    private final String agentKey;
    private final byte[] secretKey;

    PinnacleSide(SimulatorBank bank, SimulatorCredentials credentials, JsonMapper json, Clock clock) {
        this.bank = bank;
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.clock = clock;
        this.agentCode = credentials.of("Pinnacle", "agent-code", 8);
        this.agentKey = credentials.of("Pinnacle", "agent-key", 32);
        this.secretKey = credentials.of("Pinnacle", "secret-key", 16).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String game() {
        return "Pinnacle";
    }

    @Override
    public Call route(SimRequest request) {
        String path = request.path();
        boolean get = request.method().equals("GET");
        boolean getOrPost = get || request.method().equals("POST");
        boolean known = switch (path) {
            case "/player/create", "/player/login", "/player/loginV2", "/player/deposit", "/player/withdraw",
                 "/player/depositwithdraw/status" -> getOrPost;
            case "/player/info", "/report/all-wagers" -> get;
            default -> false;
        };
        if (!known) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        if (!SimCrypto.same(agentCode, request.header("userCode"))) {
            return Call.refused(refusal("108", "Agent code is invalid. Please contact partner to get agent code."));
        }
        if (!tokenValid(request.header("token"))) {
            return Call.refused(refusal("401", "The token is invalid. It's possible the token is wrong or that it has expired."));
        }
        Map<String, String> p = new HashMap<>(request.query());
        if (request.method().equals("POST") && request.body().length > 0) {
            try {
                JsonNode body = json.readTree(request.body());
                if (body == null || !body.isObject()) {
                    return Call.refused(refusal("306", "Invalid parameters: the body is not a JSON object."));
                }
                body.properties().forEach(e -> p.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().decimalValue().toPlainString() : e.getValue().asString("")));
            } catch (JacksonException e) {
                return Call.refused(refusal("306", "Invalid parameters: the body is not JSON."));
            }
        }
        return switch (path) {
            case "/player/create" -> call("accounts", () -> create(p));
            case "/player/login" -> call("launch", () -> login(p));
            case "/player/loginV2" -> call("launch", () -> loginV2(p));
            case "/player/info" -> call("balance", () -> info(p));
            case "/player/deposit" -> call("transfer", () -> transfer(p, true));
            case "/player/withdraw" -> call("transfer", () -> transfer(p, false));
            case "/player/depositwithdraw/status" -> call("transfer-status", () -> status(p));
            default -> call("bets", () -> wagers(p));
        };
    }

    /**
     * The token as Pinnacle checks it: it decrypts under the secret key, names this agent, was
     * made within the last 15 minutes, and its hash is {@code md5(agentCode + timestamp + agentKey)}.
     */
    private boolean tokenValid(String token) {
        if (token == null) {
            return false;
        }
        String[] parts;
        try {
            parts = SimCrypto.decrypt("AES/CBC/PKCS5Padding", "AES", secretKey, IV, Base64.getDecoder().decode(token)).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (parts.length != 3 || !parts[0].equals(agentCode) || !parts[1].matches("\\d{1,15}")) {
            return false;
        }
        long age = clock.millis() - Long.parseLong(parts[1]);
        return age <= TOKEN_LIFE.toMillis() && age >= -CLOCK_SKEW.toMillis()
                && SimCrypto.same(SimCrypto.md5(agentCode + parts[1] + agentKey), parts[2]);
    }

    /**
     * Pinnacle documents no maintenance code; the simulator answers {@code 503} in its error
     * format (docs/providers.md). Its unexpected errors are a {@code trace}, with HTTP 500.
     */
    private Call call(String operation, Supplier<SimResponse> apply) {
        return Call.of(operation, apply, refusal("503", "The system is under maintenance."),
                new SimResponse(500, "application/json;charset=UTF-8", ("{\"trace\":\"" + agentCode + "|"
                        + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)) + "|"
                        + clock.millis() + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code /player/create}: a {@code loginId} of 6-50 letters, digits, dashes; one that exists is {@code 111}. */
    private SimResponse create(Map<String, String> p) {
        String loginId = p.getOrDefault("loginId", "");
        if (!LOGIN_ID.matcher(loginId).matches()) {
            return refusal("112", "Login ID is not valid.");
        }
        if (!bank.openAccount("Pinnacle", loginId, "CNY")) {
            return refusal("111", "Login ID already exists in system.");
        }
        return ok(player(loginId));
    }

    /** {@code /player/login}: the player by {@code userCode} (the simulator's userCode is the loginId). */
    private SimResponse login(Map<String, String> p) {
        String player = p.getOrDefault("userCode", "");
        String locale = p.getOrDefault("locale", "en");
        String odds = p.getOrDefault("oddsFormat", "HK");
        if (!LOCALES.contains(locale) || !ODDS_FORMATS.contains(odds)) {
            return refusal("306", "Invalid parameters: locale or oddsFormat.");
        }
        return bank.launch("Pinnacle", player, "PC", locale, "sports")
                .map(token -> ok(launched(player, "https://pinnacle.simulator.invalid/member/" + locale + "/sports?oddsFormat=" + odds
                        + "&token=" + token, token)))
                .orElseGet(() -> refusal("104", "Member not exist in system."));
    }

    /** {@code /player/loginV2}: creates the player when new, and opens a {@code sport}'s page. */
    private SimResponse loginV2(Map<String, String> p) {
        String loginId = p.getOrDefault("loginId", "");
        String locale = p.getOrDefault("locale", "en");
        String odds = p.getOrDefault("oddsFormat", "HK");
        String sport = p.get("sport");
        if (!LOGIN_ID.matcher(loginId).matches()) {
            return refusal("112", "Login ID is not valid.");
        }
        if (!LOCALES.contains(locale) || !ODDS_FORMATS.contains(odds) || (sport != null && !SPORT_BY_SLUG.containsKey(sport))) {
            return refusal("306", "Invalid parameters: locale, oddsFormat or sport.");
        }
        bank.openAccount("Pinnacle", loginId, "CNY");
        String token = bank.launch("Pinnacle", loginId, "PC", locale, sport == null ? "sports" : SPORT_BY_SLUG.get(sport)).orElseThrow();
        return ok(launched(loginId, "https://pinnacle.simulator.invalid/member-service/v2/login-token?locale=" + locale
                + (sport == null ? "" : "&sport=" + sport) + "&oddsFormat=" + odds + "&token=" + token, token));
    }

    private SimResponse info(Map<String, String> p) {
        String player = p.getOrDefault("userCode", "");
        return bank.balance("Pinnacle", player).map(balance -> {
            Map<String, Object> info = player(player);
            info.put("status", "ACTIVE");
            info.put("availableBalance", balance);
            return ok(info);
        }).orElseGet(() -> refusal("104", "Member not exist in system."));
    }

    /**
     * {@code /player/deposit} and {@code /player/withdraw}: {@code amount} positive with at most two
     * decimals, {@code transactionId} up to 50. The same transactionId with the same content
     * answers its first outcome again; with other content it is refused.
     */
    private SimResponse transfer(Map<String, String> p, boolean deposit) {
        String player = p.getOrDefault("userCode", "");
        String amount = p.getOrDefault("amount", "");
        String id = p.getOrDefault("transactionId", UUID.randomUUID().toString().replace("-", ""));
        if (!AMOUNT.matcher(amount).matches() || id.isEmpty() || id.length() > 50) {
            return refusal("306", "Invalid parameters: amount or transactionId.");
        }
        BigDecimal money = new BigDecimal(amount);
        if (money.signum() <= 0) {
            return refusal("308", "Your amount should be a positive number");
        }
        if (money.stripTrailingZeros().scale() > 2) {
            return refusal("311", "Amount value should be two decimal places.");
        }
        SimulatorBank.Transfer t = bank.transfer("Pinnacle", id, player, money.setScale(2, RoundingMode.UNNECESSARY), deposit);
        return switch (t.outcome()) {
            case APPLIED -> {
                Map<String, Object> answer = player(player);
                answer.put("availableBalance", t.balance());
                answer.put("amount", money.setScale(2, RoundingMode.UNNECESSARY));
                answer.put("transactionId", id);
                yield ok(answer);
            }
            case INSUFFICIENT_BALANCE -> refusal("309", "Your balance is not enough.");
            case NO_ACCOUNT -> refusal("104", "Member not exist in system.");
            default -> refusal("306", "Invalid parameters: transactionId was used for another transfer.");
        };
    }

    /** {@code /player/depositwithdraw/status}: SUCCESS, FAILED, or {@code {"status":"NOT_EXISTS"}}. */
    private SimResponse status(Map<String, String> p) {
        String id = p.getOrDefault("transactionId", "");
        return bank.order("Pinnacle", id).map(o -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", o.status().equals("SUCCESS") ? "SUCCESS" : "FAILED");
            answer.put("transferType", o.deposit() ? "DEPOSIT" : "WITHDRAW");
            answer.put("amount", o.amount());
            answer.put("userCode", o.account());
            answer.put("transactionId", id);
            return ok(answer);
        }).orElseGet(() -> ok(Map.of("status", "NOT_EXISTS")));
    }

    /**
     * {@code /report/all-wagers}: wagers whose {@code filterBy} date (update_date or wager_date;
     * event_date is the wager date here, where events have no dates of their own) lies between
     * {@code dateFrom} and {@code dateTo}, GMT-4, whole seconds, both included, at most 24 hours
     * apart (168 with a {@code userCode}); no dates means the last 24 hours. {@code settle}
     * 1 SETTLED/CANCELLED, 0 OPEN/PENDING, -1 all; {@code wagerIds} picks wagers.
     */
    private SimResponse wagers(Map<String, String> p) {
        String filterBy = p.getOrDefault("filterBy", "wager_date");
        if (!Set.of("update_date", "wager_date", "event_date").contains(filterBy)) {
            return refusal("306", "Invalid parameters: filterBy " + filterBy + " is not simulated.");
        }
        String player = p.get("userCode");
        Instant from;
        Instant to;
        if (p.get("dateFrom") == null && p.get("dateTo") == null) {
            to = clock.instant();
            from = to.minus(MAX_SPAN);
        } else {
            try {
                from = LocalDateTime.parse(p.getOrDefault("dateFrom", ""), TIME).toInstant(GMT_MINUS_4);
                to = LocalDateTime.parse(p.getOrDefault("dateTo", ""), TIME).toInstant(GMT_MINUS_4).plusSeconds(1);
            } catch (DateTimeParseException e) {
                return refusal("306", "Invalid parameters: dateFrom and dateTo are yyyy-MM-dd HH:mm:ss.");
            }
            Duration span = Duration.between(from, to.minusSeconds(1));
            if (span.isNegative() || span.compareTo(player == null ? MAX_SPAN : MAX_SPAN_FOR_ONE_PLAYER) > 0) {
                return refusal("306", "Invalid parameters: dateTo - dateFrom must be within 24 hours (168 for one player).");
            }
        }
        String settle = p.getOrDefault("settle", "-1");
        Set<String> ids = p.get("wagerIds") == null ? null : Set.copyOf(Arrays.asList(p.get("wagerIds").split(",")));
        List<String> rows = bank.bets("Pinnacle", from, to, filterBy.equals("update_date")).stream()
                .filter(b -> player == null || b.account().equals(player))
                .filter(b -> ids == null || ids.contains(b.betId()))
                .filter(b -> switch (settle) {
                    case "1" -> b.status() != SimulatedBet.Status.OPEN;
                    case "0" -> b.status() == SimulatedBet.Status.OPEN;
                    default -> true;
                })
                .map(b -> SimJson.of(wager(b)))
                .toList();
        return SimResponse.json(200, "[" + String.join(",", rows) + "]");
    }

    /**
     * A bet in Pinnacle's words: open is OPEN; settled is SETTLED with its {@code result}; settled
     * again is SETTLED with {@code isResettle} and {@code resettleDateFm}; void is CANCELLED with
     * {@code cancellationStatus} VOID when a result was taken back, CANCELLED when it had none.
     */
    private static Map<String, Object> wager(SimulatedBet b) {
        boolean settled = b.status() == SimulatedBet.Status.SETTLED || b.status() == SimulatedBet.Status.RESETTLED;
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("wagerId", Long.parseLong(b.betId()));
        w.put("eventId", b.roundId());
        w.put("eventName", SPORTS.getOrDefault(b.gameId(), "Other Sports") + " " + b.roundId());
        w.put("wagerDateFm", eastern(b.betTime()));
        w.put("eventDateFm", eastern(b.betTime()));
        w.put("settleDateFm", switch (b.status()) {
            case OPEN -> null;
            case VOID -> eastern(b.updatedAt());
            default -> eastern(b.settledAt());
        });
        w.put("resettleDateFm", b.status() == SimulatedBet.Status.RESETTLED ? eastern(b.settledAt()) : null);
        w.put("status", switch (b.status()) {
            case OPEN -> "OPEN";
            case SETTLED, RESETTLED -> "SETTLED";
            case VOID -> "CANCELLED";
        });
        w.put("cancellationStatus", b.status() != SimulatedBet.Status.VOID ? null : b.settledAt() == null ? "CANCELLED" : "VOID");
        w.put("isResettle", settled ? b.status() == SimulatedBet.Status.RESETTLED : null);
        w.put("wagerType", "single");
        w.put("sportId", Integer.parseInt(b.gameId().matches("\\d{1,6}") ? b.gameId() : "23"));
        w.put("sport", SPORTS.getOrDefault(b.gameId(), "Other Sports"));
        w.put("currencyCode", b.currency());
        w.put("stake", b.stake());
        w.put("toRisk", b.stake());
        w.put("winLoss", b.winLoss());
        w.put("turnover", settled ? b.validBet() : BigDecimal.ZERO.setScale(2));
        w.put("result", !settled ? null : b.winLoss().signum() > 0 ? "WIN" : b.winLoss().signum() < 0 ? "LOSE" : "DRAW");
        w.put("product", "SB");
        w.put("userCode", b.account());
        w.put("loginId", b.account());
        return w;
    }

    /** A player as Pinnacle shows one; the simulator's {@code userCode} is the loginId itself. */
    private static Map<String, Object> player(String loginId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userCode", loginId);
        answer.put("loginId", loginId);
        return answer;
    }

    private Map<String, Object> launched(String loginId, String url, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("loginUrl", url);
        answer.putAll(player(loginId));
        answer.put("token", token);
        answer.put("updatedDate", eastern(clock.instant()));
        return answer;
    }

    private static String eastern(Instant instant) {
        return LocalDateTime.ofInstant(instant, GMT_MINUS_4).format(TIME);
    }

    private static SimResponse ok(Map<String, Object> body) {
        return SimResponse.json(200, SimJson.of(body));
    }

    private static SimResponse refusal(String code, String message) {
        return SimResponse.json(200, "{\"code\":\"" + code + "\",\"message\":" + SimJson.of(message) + "}");
    }
}
