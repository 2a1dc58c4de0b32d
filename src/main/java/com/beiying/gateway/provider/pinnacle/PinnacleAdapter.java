package com.beiying.gateway.provider.pinnacle;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pinnacle (平博, AP Gaming B2B) in its own protocol ({@code docs/providers.md}, "Pinnacle"):
 * every call carries the headers {@code userCode: <agentCode>} and {@code token}, the Base64 of
 * AES-128-CBC/PKCS5 (key = secret key, IV = {@code RandomInitVector}) over
 * {@code agentCode|timestampMs|md5(agentCode + timestampMs + agentKey)}, valid 15 minutes.
 * Writes are {@code POST} with a JSON body (the documents' recommendation), reads {@code GET}
 * with a query. Success is a bare JSON object or array; a refusal is {@code {"code","message"}}
 * and an unexpected error {@code {"trace"}}. Every date is fixed GMT-4, {@code yyyy-MM-dd HH:mm:ss}.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(PinnacleAdapter.Settings.class)
class PinnacleAdapter implements ProviderAdapter {
    /** Pinnacle's dates are GMT-4 all year, with no daylight saving: not America/New_York. */
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final byte[] IV = "RandomInitVector".getBytes(StandardCharsets.UTF_8);
    private static final RecordRules RULES = new RecordRules(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, GMT_MINUS_4, false);
    /** Pinnacle answers at most 24 hours of wagers per call when no player is named. */
    private static final Duration MAX_SPAN = Duration.ofHours(24);
    /** Pinnacle's sports (its data-format table): a GameId is a {@code sportId}, launched by the sport's name. */
    private static final Map<String, String> SPORTS = Map.ofEntries(Map.entry("1", "Badminton"), Map.entry("2", "Bandy"),
            Map.entry("3", "Baseball"), Map.entry("4", "Basketball"), Map.entry("5", "Beach Volleyball"), Map.entry("6", "Boxing"),
            Map.entry("7", "Chess"), Map.entry("8", "Cricket"), Map.entry("9", "Curling"), Map.entry("10", "Darts"),
            Map.entry("11", "Darts (Legs)"), Map.entry("12", "E-Sports"), Map.entry("13", "Field Hockey"),
            Map.entry("14", "Floorball"), Map.entry("15", "Football"), Map.entry("16", "Futsal"), Map.entry("17", "Golf"),
            Map.entry("18", "Handball"), Map.entry("19", "Hockey"), Map.entry("20", "Horse Racing Specials"),
            Map.entry("21", "Lacrosse"), Map.entry("22", "Mixed Martial Arts"), Map.entry("23", "Other Sports"),
            Map.entry("24", "Politics"), Map.entry("26", "Rugby League"), Map.entry("27", "Rugby Union"),
            Map.entry("28", "Snooker"), Map.entry("29", "Soccer"), Map.entry("30", "Softball"), Map.entry("31", "Squash"),
            Map.entry("32", "Table Tennis"), Map.entry("33", "Tennis"), Map.entry("34", "Volleyball"));

    /**
     * Connection to Pinnacle: {@code GATEWAY_PROVIDERS_PINNACLE_BASEURL} (the B2B root, e.g.
     * {@code https://api.example.com/b2b}), {@code ..._AGENTCODE}, {@code ..._AGENTKEY} and
     * {@code ..._SECRETKEY} (16 characters: the AES key of the token).
     */
    @ConfigurationProperties("gateway.providers.pinnacle")
    record Settings(String baseUrl, String agentCode, String agentKey, String secretKey) {
    }

    private final ProviderHttp wire;
    private final JsonMapper mapper;
    private final ObjectReader json;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final String agentCode;
    private final String agentKey;
    private final byte[] secretKey;

    PinnacleAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json, Clock clock) {
        String base = settings.baseUrl();
        this.wire = wires.of(Game.PINNACLE);
        this.mapper = json;
        // Amounts arrive as JSON numbers: read them as decimals, never as doubles.
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.clock = clock;
        this.baseUrl = endpoints.baseUrl(Game.PINNACLE, base);
        this.agentCode = endpoints.credential(Game.PINNACLE, base, "agent-code", settings.agentCode(), 8,
                "GATEWAY_PROVIDERS_PINNACLE_AGENTCODE");
        this.agentKey = endpoints.credential(Game.PINNACLE, base, "agent-key", settings.agentKey(), 32,
                "GATEWAY_PROVIDERS_PINNACLE_AGENTKEY");
        this.secretKey = endpoints.credential(Game.PINNACLE, base, "secret-key", settings.secretKey(), 16,
                "GATEWAY_PROVIDERS_PINNACLE_SECRETKEY").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Game game() {
        return Game.PINNACLE;
    }

    /**
     * Pinnacle's {@code loginId}: 6 to 50 letters, digits or dashes (no underscore). {@code pin},
     * at least one digit, the dash and the check character are never fewer than six.
     */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("pin", memberId, "-", 50, false);
    }

    /**
     * {@code /player/create} with our {@code loginId}; {@code 111} (the loginId exists) is the
     * account. Pinnacle assigns its own {@code userCode} too, but every call takes the loginId in
     * its place, so the gateway keeps only the loginId. The player's currency is the agent's.
     */
    @Override
    public void openAccount(String accountName, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loginId", accountName);
        String code = code(answer(wire.call("accounts", post("/player/create", body)), "accounts"));
        if (code != null && !code.equals("111")) {
            throw mapped(code);
        }
    }

    /**
     * {@code /player/login} for the sportsbook's home; with a GameId (a {@code sportId}),
     * {@code /player/loginV2} with that sport's name, which opens its page.
     */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        if (options.gameId() == null) {
            path = "/player/login";
            body.put("userCode", accountName);
        } else {
            String sport = SPORTS.get(options.gameId());
            if (sport == null) {
                throw new GatewayException(Errors.GAME_NOT_FOUND);
            }
            path = "/player/loginV2";
            body.put("loginId", accountName);
            body.put("sport", slug(sport));
        }
        body.put("locale", options.language().equals("en") ? "en" : "zh-cn");
        body.put("oddsFormat", "EU");
        JsonNode root = answer(wire.call("launch", post(path, body)), "launch");
        String code = code(root);
        if (code != null) {
            // loginV2's only parameter of ours that Pinnacle can find invalid is the sport.
            throw code.equals("306") && options.gameId() != null ? new GatewayException(Errors.GAME_NOT_FOUND) : mapped(code);
        }
        String url = root.path("loginUrl").asString("");
        if (url.isEmpty()) {
            throw wire.unreadable("launch", "no loginUrl");
        }
        // Pinnacle's login URLs may come as http; the page must open over https.
        String secure = url.startsWith("http://") ? "https://" + url.substring("http://".length()) : url;
        return new Launch(secure, root.path("token").asString(secure));
    }

    @Override
    public BigDecimal balance(String accountName) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("userCode", accountName);
        JsonNode root = answer(wire.call("balance", get("/player/info", query)), "balance");
        String code = code(root);
        if (code != null) {
            throw mapped(code);
        }
        return money(root.path("availableBalance"), "balance");
    }

    /**
     * {@code /player/deposit} or {@code /player/withdraw} with a positive two-decimal
     * {@code amount}. A success must say the amount it moved, and say ours: an answer without it
     * is not a success the gateway can book (the ancestor's rule), so the status query decides.
     */
    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userCode", accountName);
        body.put("amount", amount.setScale(2));
        body.put("transactionId", transactionId(key));
        String path = direction == Direction.IN ? "/player/deposit" : "/player/withdraw";
        String code;
        BigDecimal balance = null;
        try {
            JsonNode root = answer(wire.callMovingMoney("transfer", post(path, body)), "transfer");
            code = code(root);
            if (code == null) {
                JsonNode moved = root.path("amount");
                if (moved.isMissingNode() || moved.isNull() || money(moved, "transfer").compareTo(amount) != 0) {
                    throw wire.unreadable("transfer", "amount " + moved + " for " + amount);
                }
                JsonNode after = root.path("availableBalance");
                balance = after.isMissingNode() || after.isNull() ? null : money(after, "transfer");
            }
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        if (code == null) {
            return new TransferResult(TransferState.SUCCESS, balance, null);
        }
        if (code.equals("309")) {
            return new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
        }
        throw mapped(code);
    }

    /** {@code /player/depositwithdraw/status}: {@code status} SUCCESS, FAILED or NOT_EXISTS. */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transactionId", transactionId(key));
        JsonNode root = answer(wire.call("transfer-status", post("/player/depositwithdraw/status", body)), "transfer-status");
        String code = code(root);
        if (code != null) {
            throw mapped(code);
        }
        String status = root.path("status").asString("");
        return switch (status) {
            case "SUCCESS" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "FAILED" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case "NOT_EXISTS" -> new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
            default -> throw wire.unreadable("transfer-status", "status " + status);
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * {@code /report/all-wagers} with {@code filterBy=update_date}: every wager Pinnacle changed
     * in the window (placed, settled, cancelled, settled again), as one array with no paging;
     * a window longer than Pinnacle's 24 hours is asked in parts. Its bounds are whole seconds,
     * both included: adjacent windows share a second, which the collector's upsert absorbs.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        List<ProviderBet> out = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(MAX_SPAN)) {
            Instant end = start.plus(MAX_SPAN).isBefore(to) ? start.plus(MAX_SPAN) : to;
            Map<String, String> query = new LinkedHashMap<>();
            query.put("dateFrom", eastern(start));
            query.put("dateTo", eastern(end));
            query.put("filterBy", "update_date");
            JsonNode root = answer(wire.call("bets", get("/report/all-wagers", query)), "bets");
            if (!root.isArray()) {
                String code = code(root);
                throw code == null ? wire.unreadable("bets", "not an array") : mapped(code);
            }
            for (JsonNode wager : root) {
                out.add(bet(wager));
            }
        }
        return out;
    }

    /**
     * One wager: {@code status} PENDING or OPEN (unsettled), SETTLED (with {@code isResettle}
     * and {@code resettleDateFm} when settled again) or CANCELLED (and DELETED: void).
     * {@code stake} is the bet, {@code turnover} the valid bet, {@code winLoss} the member's
     * result; the player is the {@code loginId} (Pinnacle's own {@code userCode} differs).
     */
    private ProviderBet bet(JsonNode w) {
        String status = w.path("status").asString("");
        BigDecimal stake = money(w.path("stake"), "bets");
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        BetStatus normalised;
        BigDecimal payout;
        switch (status) {
            case "PENDING", "OPEN" -> {
                normalised = BetStatus.OPEN;
                payout = zero;
            }
            case "SETTLED" -> {
                normalised = w.path("isResettle").asBoolean(false) ? BetStatus.RESETTLED : BetStatus.SETTLED;
                payout = stake.add(money(w.path("winLoss"), "bets"));
            }
            case "CANCELLED", "DELETED" -> {
                normalised = BetStatus.VOID;
                payout = zero;
            }
            default -> throw wire.unreadable("bets", "status " + status);
        }
        Instant placed = eastern(w.path("wagerDateFm"));
        Instant settled = eastern(w.path("settleDateFm"));
        Instant resettled = eastern(w.path("resettleDateFm"));
        Instant updated = latest(placed, latest(settled, resettled));
        JsonNode turnover = w.path("turnover");
        return new ProviderBet(w.path("wagerId").asString(), w.path("loginId").asString(), w.path("sportId").asString(),
                w.path("eventId").asString(null), w.path("currencyCode").asString("CNY"), stake,
                turnover.isMissingNode() || turnover.isNull() ? zero : money(turnover, "bets"), payout, normalised, placed,
                resettled != null ? resettled : settled, updated);
    }

    /**
     * Pinnacle's {@code transactionId} (a string of at most 50, documented as "value > 0"): the
     * order's creation time in GMT-4 {@code yyMMddHHmmss}, then the gateway-wide transfer number.
     * Digits only, stable for every retry, unique even should the numbering start again.
     */
    static String transactionId(TransferKey key) {
        return LocalDateTime.ofInstant(key.createdAt(), GMT_MINUS_4).format(ID_TIME) + key.number();
    }

    /** The token of the headers: AES-128-CBC over {@code agentCode|timestamp|md5(agentCode + timestamp + agentKey)}. */
    String token() {
        String timestamp = Long.toString(clock.millis());
        String payload = agentCode + "|" + timestamp + "|" + ProviderCodec.md5(agentCode + timestamp + agentKey);
        return Base64.getEncoder().encodeToString(ProviderCodec.encrypt("AES/CBC/PKCS5Padding", "AES", secretKey, IV, payload));
    }

    /** Sport names as loginV2 takes them: {@code soccer}, {@code e-sports}, {@code table-tennis}. */
    static String slug(String sport) {
        return sport.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private ProviderHttp.Request get(String path, Map<String, String> query) {
        // A fresh token per call: it costs one AES block, and can never be the one that just expired.
        return ProviderHttp.Request.get(URI.create(baseUrl.get() + path + "?" + ProviderCodec.formQuery(query)))
                .header("userCode", agentCode)
                .header("token", token());
    }

    private ProviderHttp.Request post(String path, Map<String, Object> body) {
        ObjectNode node = mapper.createObjectNode();
        body.forEach((name, value) -> {
            if (value instanceof BigDecimal amount) {
                node.put(name, amount);
            } else {
                node.put(name, String.valueOf(value));
            }
        });
        return ProviderHttp.Request.post(URI.create(baseUrl.get() + path), "application/json", mapper.writeValueAsString(node))
                .header("userCode", agentCode)
                .header("token", token());
    }

    /** The answer's JSON; a {@code trace} is Pinnacle's unexpected error, after which nothing is known. */
    private JsonNode answer(ProviderHttp.Answer answer, String operation) {
        JsonNode root;
        try {
            root = json.readTree(answer.body());
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw wire.unreadable(operation, "neither object nor array");
        }
        if (root.has("trace")) {
            throw wire.unreadable(operation, "trace " + root.path("trace").asString(""));
        }
        return root;
    }

    /** A refusal's code, or null for a success (no {@code code}, or the word {@code successful}). */
    private static String code(JsonNode root) {
        JsonNode code = root.path("code");
        if (!root.isObject() || code.isMissingNode() || code.isNull()) {
            return null;
        }
        String text = code.asString("");
        return text.equalsIgnoreCase("successful") ? null : text;
    }

    private BigDecimal money(JsonNode value, String operation) {
        try {
            return ProviderCodec.money(value.isNumber() ? value.decimalValue().toPlainString() : value.asString(""));
        } catch (ArithmeticException | NumberFormatException e) {
            throw wire.unreadable(operation, "amount " + value);
        }
    }

    private static String eastern(Instant instant) {
        return LocalDateTime.ofInstant(instant, GMT_MINUS_4).format(TIME);
    }

    /** A wager's date (GMT-4, {@code yyyy-MM-dd HH:mm:ss} or with a {@code T}); null when it has none yet. */
    private Instant eastern(JsonNode text) {
        if (text.isMissingNode() || text.isNull() || text.asString("").isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.asString().replace('T', ' '), TIME).toInstant(GMT_MINUS_4);
        } catch (DateTimeParseException e) {
            throw wire.unreadable("bets", "date " + text);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Pinnacle's {@code code} onto the catalog. */
    private static GatewayException mapped(String code) {
        return new GatewayException(switch (code) {
            case "107", "108", "109", "110", "401", "403", "423" -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case "503" -> Errors.GAME_MAINTENANCE;
            case "309" -> Errors.INSUFFICIENT_BALANCE;
            default -> Errors.PROVIDER_REFUSED;
        });
    }
}
