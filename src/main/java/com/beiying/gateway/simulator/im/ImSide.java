package com.beiying.gateway.simulator.im;

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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IM protocol as IM serves it ({@code docs/providers.md}, "IMSport and IMOne"), for one
 * product wallet: {@code POST /<Controller>/<Action>} with a JSON body carrying the
 * {@code MerchantCode}; answers {@code {"Code":0,"Message":..}}; the bet log in UTC+8 with
 * {@code +08:00} on its times. Each product (IMSport, wallet 301; IMOne, wallet 401) is a
 * component of its own over this class, with its own accounts in the bank.
 */
public abstract class ImSide implements ProviderSide {
    private static final ZoneOffset UTC_PLUS_8 = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final Pattern PLAYER = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{6,20}");
    private static final Pattern TRANSACTION = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final Set<String> LANGUAGES = Set.of("ZH-CN", "EN", "VI", "TH", "ID", "ZH-HK");
    /** IM answers at most 31 days of bet dates for its sportsbook and eSports wallets. */
    private static final Duration MAX_SPAN = Duration.ofDays(31);
    private static final int DEFAULT_PAGE_SIZE = 500;
    private static final int MAX_PAGE_SIZE = 50_000;

    /** One IM product: its game code, {@code ProductWallet}, the {@code GameCode}s it offers and the name in its log's {@code Provider}. */
    public record Product(String game, int wallet, Set<String> gameCodes, String provider) {
    }

    private final Product product;
    private final SimulatorBank bank;
    private final ObjectReader json;
    private final Clock clock;
    private final String merchantCode;

    protected ImSide(Product product, SimulatorBank bank, SimulatorCredentials credentials, JsonMapper json, Clock clock) {
        this.product = product;
        this.bank = bank;
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.clock = clock;
        this.merchantCode = credentials.of(product.game(), "merchant-code", 32);
    }

    @Override
    public String game() {
        return product.game();
    }

    @Override
    public Call route(SimRequest request) {
        String operation = switch (request.path()) {
            case "/Player/Register" -> "accounts";
            case "/Game/NewLaunchGame", "/Game/NewLaunchMobileGame" -> "launch";
            case "/Player/GetBalance" -> "balance";
            case "/Transaction/PerformTransfer" -> "transfer";
            case "/Transaction/CheckTransferStatus" -> "transfer-status";
            case "/Report/GetBetLog" -> "bets";
            default -> null;
        };
        if (!request.method().equals("POST") || operation == null) {
            return Call.refused(SimResponse.json(404, "{\"error\":\"not found\"}"));
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return Call.refused(answer(505, "Required field cannot be empty or null."));
        }
        if (!SimCrypto.same(merchantCode, body.path("MerchantCode").asString(""))) {
            return Call.refused(answer(500, "Invalid Merchant or Reseller Code."));
        }
        JsonNode b = body;
        Function<JsonNode, SimResponse> apply = switch (operation) {
            case "accounts" -> this::register;
            case "launch" -> n -> launch(n, request.path().endsWith("MobileGame"));
            case "balance" -> this::balance;
            case "transfer" -> this::transfer;
            case "transfer-status" -> this::transferStatus;
            default -> this::betLog;
        };
        // IM names no maintenance code in the sources; 611 is the simulator's (docs/providers.md).
        return Call.of(operation, () -> apply.apply(b), answer(611, "Product is under maintenance."),
                new SimResponse(500, "application/json;charset=UTF-8",
                        "{\"Code\":999,\"Message\":\"System has failed to process your request.\"}".getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code Player/Register}: PlayerId letters and digits up to 20, a password, a currency; 503 when it exists. */
    private SimResponse register(JsonNode body) {
        String player = body.path("PlayerId").asString("");
        String currency = body.path("Currency").asString("");
        if (player.isEmpty() || currency.isEmpty() || body.path("Password").asString("").isEmpty()) {
            return answer(505, "Required field cannot be empty or null.");
        }
        if (!PLAYER.matcher(player).matches()) {
            return answer(506, "Invalid player ID.");
        }
        if (!currency.matches("[A-Z]{3}")) {
            return answer(507, "Invalid Currency.");
        }
        if (!PASSWORD.matcher(body.path("Password").asString()).matches()) {
            return answer(524, "Invalid Password");
        }
        return bank.openAccount(product.game(), player, currency) ? answer(0, "Successful.") : answer(503, "Player already exists.");
    }

    /** {@code Game/NewLaunchGame} and {@code Game/NewLaunchMobileGame}: a {@code GameCode} of this wallet. */
    private SimResponse launch(JsonNode body, boolean mobile) {
        if (body.path("ProductWallet").asInt(-1) != product.wallet()) {
            return answer(508, "Invalid Product Wallet.");
        }
        String gameCode = body.path("GameCode").asString("");
        if (!product.gameCodes().contains(gameCode)) {
            return answer(521, "Invalid game code.");
        }
        String language = body.path("Language").asString("");
        if (!LANGUAGES.contains(language.toUpperCase(Locale.ROOT))) {
            return answer(518, "Invalid language.");
        }
        if (!body.path("IpAddress").asString("").matches("[0-9a-fA-F:.]{2,45}")) {
            return answer(522, "Invalid IP address.");
        }
        String player = body.path("PlayerId").asString("");
        return bank.launch(product.game(), player, mobile ? "H5" : "PC", language, gameCode)
                .map(token -> answer(0, "Successful.", Map.of("GameUrl", "https://" + product.game().toLowerCase(Locale.ROOT)
                        + ".simulator.invalid/" + (mobile ? "mobile" : "pc") + "?token=" + token + "&GameCode=" + gameCode)))
                .orElseGet(() -> answer(504, "Player does not exist."));
    }

    private SimResponse balance(JsonNode body) {
        if (body.path("ProductWallet").asInt(-1) != product.wallet()) {
            return answer(508, "Invalid Product Wallet.");
        }
        String player = body.path("PlayerId").asString("");
        return bank.balance(product.game(), player)
                .map(b -> answer(0, "Successful.", Map.of("PlayerId", player, "Currency",
                        bank.currency(product.game(), player).orElse("CNY"), "Balance", b)))
                .orElseGet(() -> answer(504, "Player does not exist."));
    }

    /**
     * {@code Transaction/PerformTransfer}: {@code Amount} positive into the wallet, negative out,
     * at most two decimals; a {@code TransactionId} IM has seen is refused as duplicated.
     */
    private SimResponse transfer(JsonNode body) {
        if (body.path("ProductWallet").asInt(-1) != product.wallet()) {
            return answer(508, "Invalid Product Wallet.");
        }
        String player = body.path("PlayerId").asString("");
        String id = body.path("TransactionId").asString("");
        JsonNode amount = body.path("Amount");
        if (!TRANSACTION.matcher(id).matches()) {
            return answer(509, "Invalid transaction Id.");
        }
        BigDecimal money = amount.isNumber() ? amount.decimalValue() : null;
        if (money == null || money.signum() == 0 || money.stripTrailingZeros().scale() > 2) {
            return answer(519, "Invalid amount format.");
        }
        if (bank.order(product.game(), id).isPresent()) {
            return answer(514, "Transaction Id is duplicated in IMOne system.");
        }
        SimulatorBank.Transfer t = bank.transfer(product.game(), id, player, money.abs().setScale(2, RoundingMode.UNNECESSARY),
                money.signum() > 0);
        return switch (t.outcome()) {
            case APPLIED -> answer(0, "Successful.", Map.of("TransactionId", id, "Status", "Approved"));
            case INSUFFICIENT_BALANCE -> answer(510, "Insufficient amount.");
            case NO_ACCOUNT -> answer(504, "Player does not exist.");
            default -> answer(514, "Transaction Id is duplicated in IMOne system.");
        };
    }

    /** {@code Transaction/CheckTransferStatus}: Approved or Declined; 516 for a TransactionId IM never saw for the player. */
    private SimResponse transferStatus(JsonNode body) {
        if (body.path("ProductWallet").asInt(-1) != product.wallet()) {
            return answer(508, "Invalid Product Wallet.");
        }
        String player = body.path("PlayerId").asString("");
        String id = body.path("TransactionId").asString("");
        return bank.order(product.game(), id).filter(o -> o.account().equals(player)).map(o -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("TransactionId", id);
            fields.put("PlayerId", player);
            fields.put("Amount", o.deposit() ? o.amount() : o.amount().negate());
            fields.put("Status", switch (o.status()) {
                case "SUCCESS" -> "Approved";
                case "FAILED" -> "Declined";
                default -> "Processed";
            });
            return answer(0, "Successful.", fields);
        }).orElseGet(() -> answer(516, "Transaction id is not found at provider side."));
    }

    /**
     * {@code Report/GetBetLog}: bets whose date ({@code DateFilterType} 1 bet date, 2 event date:
     * the bet date here, where events have no dates of their own) lies in [{@code StartDate},
     * {@code EndDate}] (UTC+8, {@code yyyy-MM-dd HH.mm.ss}, at most 31 days, not starting in the
     * future), with {@code LastUpdatedDate} (inside that range) only those changed after it, with
     * {@code BetStatus} 0/1 only unsettled/settled ones; {@code PageSize} rows of {@code Page}.
     */
    private SimResponse betLog(JsonNode body) {
        if (body.path("ProductWallet").asInt(-1) != product.wallet()) {
            return answer(508, "Invalid Product Wallet.");
        }
        if (!body.hasNonNull("StartDate") || !body.hasNonNull("EndDate") || !body.hasNonNull("DateFilterType")
                || !body.hasNonNull("Language") || !body.hasNonNull("Page")) {
            return answer(505, "Required field cannot be empty or null.");
        }
        Instant start;
        Instant end;
        Instant changedAfter;
        try {
            start = queryTime(body.path("StartDate").asString(""));
            end = queryTime(body.path("EndDate").asString(""));
            changedAfter = body.hasNonNull("LastUpdatedDate") ? queryTime(body.path("LastUpdatedDate").asString("")) : null;
        } catch (DateTimeParseException e) {
            return answer(528, "Invalid datetime format.");
        }
        if (start.isAfter(end) || start.isAfter(clock.instant())) {
            return answer(526, "StartDate can't be later than EndDate or now.");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            return answer(525, "Invalid timerange, it must be within the configured timerange.");
        }
        int filter = body.path("DateFilterType").asInt(0);
        String settled = body.path("BetStatus").asString("");
        if ((filter != 1 && filter != 2) || (changedAfter != null && (changedAfter.isBefore(start) || changedAfter.isAfter(end)))
                || !(settled.isEmpty() || settled.equals("0") || settled.equals("1"))) {
            return answer(612, "Invalid Argument.");
        }
        int page = body.path("Page").asInt(0);
        int size = body.path("PageSize").asInt(DEFAULT_PAGE_SIZE);
        if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
            return answer(529, "Invalid Page Size.");
        }
        List<Map<String, Object>> rows = bank.bets(product.game(), start, end.plusSeconds(1), false).stream()
                // IM keeps times to the second: "changed after" compares whole seconds.
                .filter(b -> changedAfter == null || b.updatedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(changedAfter))
                .filter(b -> settled.isEmpty() || (b.status() == SimulatedBet.Status.OPEN) == settled.equals("0"))
                .map(this::row)
                .toList();
        if (rows.isEmpty()) {
            return answer(558, "No data found.");
        }
        int from = Math.min(rows.size(), (page - 1) * size);
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("CurrentPage", page);
        pagination.put("TotalPage", (rows.size() + size - 1) / size);
        pagination.put("ItemPerPage", size);
        pagination.put("TotalCount", rows.size());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Result", rows.subList(from, Math.min(rows.size(), from + size)));
        fields.put("Pagination", pagination);
        return answer(0, "Successful.", fields);
    }

    /**
     * A bet in IM's words: open has neither flag; settled is {@code IsSettled} 1 with its
     * {@code WinLoss} and {@code SettlementDateTime}; void is {@code IsCancelled} 1; settled again
     * is settled with the new result and a later {@code LastUpdatedDate} (IM's log has no flag
     * for it). Every time carries {@code +08:00}.
     */
    private Map<String, Object> row(SimulatedBet b) {
        boolean settled = b.status() == SimulatedBet.Status.SETTLED || b.status() == SimulatedBet.Status.RESETTLED;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("EventId", b.roundId());
        detail.put("SportsName", product.provider());
        detail.put("EventDateTime", recordTime(b.betTime()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Provider", product.provider());
        r.put("GameId", b.gameId());
        r.put("BetId", b.betId());
        r.put("WagerCreationDateTime", recordTime(b.betTime()));
        r.put("LastUpdatedDate", recordTime(b.updatedAt()));
        r.put("PlayerId", b.account());
        r.put("ProviderPlayerId", b.account());
        r.put("Currency", b.currency());
        r.put("StakeAmount", b.stake());
        r.put("MemberExposure", b.validBet());
        r.put("PayoutAmount", settled ? b.payout() : BigDecimal.ZERO.setScale(2));
        r.put("WinLoss", b.winLoss());
        r.put("OddsType", "HK");
        r.put("WagerType", "Single");
        r.put("Platform", "Desktop");
        r.put("IsSettled", settled ? 1 : 0);
        r.put("IsConfirmed", 1);
        r.put("IsCancelled", b.status() == SimulatedBet.Status.VOID ? 1 : 0);
        r.put("SettlementDateTime", settled ? recordTime(b.settledAt()) : null);
        r.put("DetailItems", List.of(detail));
        return r;
    }

    private static Instant queryTime(String text) {
        return LocalDateTime.parse(text, QUERY_TIME).toInstant(UTC_PLUS_8);
    }

    private static String recordTime(Instant instant) {
        return instant.atOffset(UTC_PLUS_8).format(RECORD_TIME);
    }

    private static SimResponse answer(int code, String message) {
        return answer(code, message, Map.of());
    }

    private static SimResponse answer(int code, String message, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Code", code);
        out.put("Message", message);
        out.putAll(fields);
        return SimResponse.json(200, SimJson.of(out));
    }
}
