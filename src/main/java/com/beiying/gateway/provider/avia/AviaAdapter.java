package com.beiying.gateway.provider.avia;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * AVIA (泛亚电竞) in its own protocol ({@code docs/providers.md}, "AVIA"): every call is
 * {@code POST {base}/api/<path>} with a form-encoded body and the header
 * {@code Authorization: <secret key>} (the raw key: no signature, no timestamp). Answers are
 * {@code {"success":1|0,"msg":..,"info":{..}}}; a refusal names its reason in {@code info.Error}.
 * Times are Beijing time (UTC+8), {@code yyyy-MM-dd HH:mm:ss}; money is yuan with two decimals.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(AviaAdapter.Settings.class)
class AviaAdapter implements ProviderAdapter {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final RecordRules RULES = new RecordRules(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, BEIJING, false);
    /** AVIA takes up to 1024 rows a page; fewer pages mean fewer calls against its rate. */
    private static final int PAGE_SIZE = 500;
    /** Rows not yet rewarded carry {@code 1900-01-01 00:00:00} instead of no time. */
    private static final Instant NEVER_BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * Connection to AVIA: {@code GATEWAY_PROVIDERS_AVIA_BASEURL} (the host whose {@code /api/...}
     * takes every call) and {@code ..._SECRETKEY} (the key sent as {@code Authorization}).
     */
    @ConfigurationProperties("gateway.providers.avia")
    record Settings(String baseUrl, String secretKey) {
    }

    private final ProviderHttp wire;
    private final ObjectReader json;
    private final Supplier<String> baseUrl;
    private final String secretKey;
    private final SecureRandom random = new SecureRandom();

    AviaAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json) {
        this.wire = wires.of(Game.AVIA);
        // Amounts arrive as JSON numbers: read them as decimals, never as doubles.
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.baseUrl = endpoints.baseUrl(Game.AVIA, settings.baseUrl());
        this.secretKey = endpoints.credential(Game.AVIA, settings.baseUrl(), "secret-key", settings.secretKey(), 32,
                "GATEWAY_PROVIDERS_AVIA_SECRETKEY");
    }

    @Override
    public Game game() {
        return Game.AVIA;
    }

    /** AVIA's rule: letters, digits and underscores, 2 to 30. */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("av", memberId, "_", 30, false);
    }

    /**
     * {@code user/register}; a name AVIA already has ({@code EXISTSUSER}) is the account. The
     * password is AVIA's requirement only: its login takes the secret key, never the member's
     * password, so a random one that nobody keeps is enough.
     */
    @Override
    public void openAccount(String accountName, String currency) {
        byte[] secret = new byte[6];
        random.nextBytes(secret);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UserName", accountName);
        form.put("Password", HexFormat.of().formatHex(secret));
        form.put("Currency", currency);
        JsonNode root = envelope(wire.call("accounts", post("user/register", form)), "accounts");
        if (!succeeded(root) && !error(root).equals("EXISTSUSER")) {
            throw mapped(error(root));
        }
    }

    /**
     * {@code user/login} answers the lobby's URL; a GameId is an AVIA category ({@code CateID},
     * the id its bet records carry) and opens that game's page.
     */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        String category = options.gameId();
        if (category != null && !category.matches("\\d{1,6}")) {
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UserName", accountName);
        if (category != null) {
            form.put("CateID", category);
        }
        JsonNode root = envelope(wire.call("launch", post("user/login", form)), "launch");
        if (!succeeded(root)) {
            // The category is the only thing of ours AVIA can find unsupported here.
            throw category != null && error(root).equals("NOSUPPORT") ? new GatewayException(Errors.GAME_NOT_FOUND)
                    : mapped(error(root));
        }
        String url = root.path("info").path("Url").asString("");
        if (url.isEmpty()) {
            throw wire.unreadable("launch", "no info.Url");
        }
        return new Launch(url, url);
    }

    @Override
    public BigDecimal balance(String accountName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UserName", accountName);
        return money(info(wire.call("balance", post("user/balance", form)), "balance").path("Money"), "balance");
    }

    /** {@code user/transfer}: {@code Type} IN or OUT, {@code Money} positive with two decimals, {@code ID} ours. */
    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UserName", accountName);
        form.put("Type", direction == Direction.IN ? "IN" : "OUT");
        form.put("Money", ProviderCodec.money(amount));
        form.put("ID", transferId(key));
        JsonNode root;
        BigDecimal balance;
        try {
            root = envelope(wire.callMovingMoney("transfer", post("user/transfer", form)), "transfer");
            JsonNode after = root.path("info").path("Balance");
            // The balance after is information; the success is the flag.
            balance = !succeeded(root) || after.isMissingNode() || after.isNull() ? null : money(after, "transfer");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        if (succeeded(root)) {
            return new TransferResult(TransferState.SUCCESS, balance, null);
        }
        return switch (error(root)) {
            case "NOBALANCE" -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            // AVIA takes an ID once; the same ID again means the first one exists: ask for its state.
            case "EXISTSORDER" -> transferStatus(accountName, key).afterDuplicate();
            case "PROCCESSING" -> new TransferResult(TransferState.PENDING, null, null);
            default -> throw mapped(error(root));
        };
    }

    /** {@code user/transferinfo}: {@code Status} Finish, Faild or None (still being processed). */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ID", transferId(key));
        JsonNode root = envelope(wire.call("transfer-status", post("user/transferinfo", form)), "transfer-status");
        if (!succeeded(root)) {
            return switch (error(root)) {
                case "NOORDER", "ORDER_NOTFOUND" -> new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
                default -> throw mapped(error(root));
            };
        }
        String status = root.path("info").path("Status").asString("");
        return switch (status) {
            case "Finish" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "Faild" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case "None" -> new TransferResult(TransferState.PENDING, null, null);
            default -> throw wire.unreadable("transfer-status", "Status " + status);
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * {@code log/get} with {@code Type=UpdateAt}: every order AVIA changed in the window (placed,
     * resulted, rewarded, cancelled, settled again), page by page until {@code RecordCount} rows
     * are read. AVIA's bounds are whole seconds, both included: a window shares its last second
     * with the next one, which the collector's upsert absorbs.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        List<ProviderBet> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Type", "UpdateAt");
            form.put("StartAt", beijing(from));
            form.put("EndAt", beijing(to));
            form.put("OrderType", "All");
            form.put("PageSize", Integer.toString(PAGE_SIZE));
            form.put("PageIndex", Integer.toString(page));
            JsonNode info = info(wire.call("bets", post("log/get", form)), "bets");
            JsonNode list = info.path("list");
            for (JsonNode row : list) {
                out.add(bet(row));
            }
            if (list.isEmpty() || (long) page * PAGE_SIZE >= info.path("RecordCount").asLong()) {
                return out;
            }
        }
    }

    /**
     * One order: {@code Status} None (waiting for its result), Win or Lose (rewarded; more than
     * zero {@code ReSettlement}s when settled again), Cancel (match cancelled) or Revoke (order
     * voided). {@code BetAmount} is the stake, {@code BetMoney} the valid bet, {@code Money} the
     * member's win or loss.
     */
    private ProviderBet bet(JsonNode row) {
        String status = row.path("Status").asString("");
        BigDecimal stake = money(row.path("BetAmount"), "bets");
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        BetStatus normalised;
        BigDecimal payout;
        switch (status) {
            case "None" -> {
                normalised = BetStatus.OPEN;
                payout = zero;
            }
            case "Win", "Lose" -> {
                normalised = row.path("ReSettlement").asInt(0) > 0 ? BetStatus.RESETTLED : BetStatus.SETTLED;
                payout = stake.add(money(row.path("Money"), "bets"));
            }
            case "Cancel", "Revoke" -> {
                normalised = BetStatus.VOID;
                payout = zero;
            }
            default -> throw wire.unreadable("bets", "Status " + status);
        }
        return new ProviderBet(row.path("OrderID").asString(), row.path("UserName").asString(), row.path("CateID").asString(),
                row.path("MatchID").asString(null), row.path("Currency").asString("CNY"), stake, money(row.path("BetMoney"), "bets"),
                payout, normalised, instant(row.path("CreateAt")), rewarded(row.path("RewardAt")), instant(row.path("UpdateAt")));
    }

    /**
     * AVIA's {@code ID} (at most 32 letters, digits and underscores): the order's creation time in
     * Beijing time to the second, then the gateway-wide transfer number. Digits only, at most 31;
     * stable for every retry, and unlike the number alone it stays unique should the numbering
     * ever start again.
     */
    static String transferId(TransferKey key) {
        return LocalDateTime.ofInstant(key.createdAt(), BEIJING).format(ID_TIME) + key.number();
    }

    private static String beijing(Instant instant) {
        return LocalDateTime.ofInstant(instant, BEIJING).format(TIME);
    }

    private Instant instant(JsonNode text) {
        try {
            return LocalDateTime.parse(text.asString(""), TIME).toInstant(BEIJING);
        } catch (DateTimeParseException e) {
            throw wire.unreadable("bets", "time " + text);
        }
    }

    private Instant rewarded(JsonNode text) {
        Instant at = text.isMissingNode() || text.isNull() ? null : instant(text);
        return at == null || at.isBefore(NEVER_BEFORE) ? null : at;
    }

    private BigDecimal money(JsonNode value, String operation) {
        try {
            return ProviderCodec.money(value.isNumber() ? value.decimalValue().toPlainString() : value.asString(""));
        } catch (ArithmeticException | NumberFormatException e) {
            throw wire.unreadable(operation, "amount " + value);
        }
    }

    /** A call: the form encoded once, the secret key as it is in {@code Authorization}. */
    private ProviderHttp.Request post(String path, Map<String, String> form) {
        return ProviderHttp.Request.post(URI.create(baseUrl.get() + "/api/" + path), "application/x-www-form-urlencoded",
                ProviderCodec.formQuery(form)).header("Authorization", secretKey);
    }

    private JsonNode envelope(ProviderHttp.Answer answer, String operation) {
        try {
            JsonNode root = json.readTree(answer.body());
            if (root == null || !root.path("success").isNumber()) {
                throw wire.unreadable(operation, "no success flag");
            }
            return root;
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
    }

    private JsonNode info(ProviderHttp.Answer answer, String operation) {
        JsonNode root = envelope(answer, operation);
        if (!succeeded(root)) {
            throw mapped(error(root));
        }
        return root.path("info");
    }

    private static boolean succeeded(JsonNode root) {
        return root.path("success").asInt() == 1;
    }

    private static String error(JsonNode root) {
        return root.path("info").path("Error").asString("");
    }

    /** AVIA's {@code info.Error} onto the catalog. */
    private static GatewayException mapped(String error) {
        return new GatewayException(switch (error) {
            case "Authorization", "Sign", "IP", "CONFIGERROR" -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case "MAINTENANCE" -> Errors.GAME_MAINTENANCE;
            case "BUSY", "TIMEOUT", "PROCCESSING" -> Errors.PROVIDER_BUSY;
            case "NOBALANCE" -> Errors.INSUFFICIENT_BALANCE;
            case "EXISTSORDER" -> Errors.ORDER_CONFLICT;
            case "NOORDER", "ORDER_NOTFOUND" -> Errors.ORDER_NOT_FOUND;
            default -> Errors.PROVIDER_REFUSED;
        });
    }
}
