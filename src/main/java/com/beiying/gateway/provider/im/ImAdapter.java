package com.beiying.gateway.provider.im;

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IM protocol (IMOne platform), shared by IMSport (IM体育, ProductWallet 301) and IMOne
 * (电竞牛, IM eSports, ProductWallet 401) ({@code docs/providers.md}, "IMSport and IMOne"):
 * every call is {@code POST {base}/<Controller>/<Action>} with a JSON body that carries the
 * secret {@code MerchantCode} (no signature; IM also whitelists the caller's IP), and bet records
 * come from {@code Report/GetBetLog} on IM's report domain. Answers are
 * {@code {"Code":0,"Message":..,...}}. Times are UTC+8: queries {@code yyyy-MM-dd HH.mm.ss},
 * records {@code yyyy-MM-dd HH:mm:ss +08:00}. A product is this class with its wallet, its
 * PlayerId separator and its own game.
 */
public abstract class ImAdapter implements ProviderAdapter {
    private static final ZoneOffset UTC_PLUS_8 = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss");
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][ xxx]");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final RecordRules RULES = new RecordRules(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(2),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, UTC_PLUS_8, false);
    /** IM answers at most 31 days of bet dates per call; a bet changed in a window is looked for this far back. */
    private static final Duration BET_DATE_REACH = Duration.ofDays(30);

    /**
     * What tells one IM product from the other: the game, IM's {@code ProductWallet}, the letter
     * between prefix and member in its PlayerIds (so one member has one PlayerId per product at
     * the same IM merchant), and the {@code GameCode} a launch without a GameId opens.
     */
    public record Product(Game game, int wallet, String separator, String gameCode) {
    }

    private final Product product;
    private final ProviderHttp wire;
    private final JsonMapper mapper;
    private final ObjectReader json;
    private final Supplier<String> baseUrl;
    private final Supplier<String> reportUrl;
    private final String merchantCode;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param reportUrl IM's report domain, where {@code Report/GetBetLog} lives; the base URL when unset
     * @param merchantCodeVariable the environment variable that configures the merchant code
     */
    protected ImAdapter(Product product, String baseUrl, String reportUrl, String merchantCode, String merchantCodeVariable,
                        ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json) {
        this.product = product;
        this.wire = wires.of(product.game());
        this.mapper = json;
        // Amounts arrive as JSON numbers: read them as decimals, never as doubles.
        this.json = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.baseUrl = endpoints.baseUrl(product.game(), baseUrl);
        this.reportUrl = reportUrl == null || reportUrl.isBlank() ? this.baseUrl : endpoints.baseUrl(product.game(), reportUrl);
        this.merchantCode = endpoints.credential(product.game(), baseUrl, "merchant-code", merchantCode, 32, merchantCodeVariable);
    }

    @Override
    public Game game() {
        return product.game();
    }

    /** Letters and digits, at most 20: {@code im}, the member, the product's separator letter, the check character. */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("im", memberId, product.separator(), 20, false);
    }

    /**
     * {@code Player/Register}; {@code 503} (the player exists) is the account. The password is
     * IM's requirement only: launches are by MerchantCode, so a random one nobody keeps will do.
     */
    @Override
    public void openAccount(String accountName, String currency) {
        byte[] secret = new byte[6];
        random.nextBytes(secret);
        ObjectNode body = body();
        body.put("PlayerId", accountName);
        body.put("Currency", currency);
        body.put("Password", HexFormat.of().formatHex(secret));
        int code = code(answer(wire.call("accounts", post(baseUrl, "Player/Register", body)), "accounts"), "accounts");
        if (code != 0 && code != 503) {
            throw mapped(code);
        }
    }

    /**
     * {@code Game/NewLaunchGame} for PC, {@code Game/NewLaunchMobileGame} for H5 and apps; the
     * GameId is IM's {@code GameCode}, the product's own game when none is given.
     */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        String gameCode = options.gameId() == null ? product.gameCode() : options.gameId();
        if (!gameCode.matches("[A-Za-z0-9_]{1,30}")) {
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        ObjectNode body = body();
        body.put("PlayerId", accountName);
        body.put("GameCode", gameCode);
        body.put("Language", options.language().equals("en") ? "EN" : "ZH-CN");
        // The member's own address is not known here; IM takes it for its records only.
        body.put("IpAddress", "127.0.0.1");
        body.put("ProductWallet", product.wallet());
        String action = options.platform().equals("PC") ? "Game/NewLaunchGame" : "Game/NewLaunchMobileGame";
        JsonNode root = answer(wire.call("launch", post(baseUrl, action, body)), "launch");
        int code = code(root, "launch");
        if (code != 0) {
            throw mapped(code);
        }
        String url = root.path("GameUrl").asString("");
        if (url.isEmpty()) {
            throw wire.unreadable("launch", "no GameUrl");
        }
        return new Launch(url, url);
    }

    @Override
    public BigDecimal balance(String accountName) {
        ObjectNode body = body();
        body.put("PlayerId", accountName);
        body.put("ProductWallet", product.wallet());
        JsonNode root = answer(wire.call("balance", post(baseUrl, "Player/GetBalance", body)), "balance");
        int code = code(root, "balance");
        if (code != 0) {
            throw mapped(code);
        }
        return money(root.path("Balance"), "balance");
    }

    /**
     * {@code Transaction/PerformTransfer}: one call both ways, {@code Amount} positive into the
     * product wallet and negative out of it. {@code Status} Approved is done; Processed, 517 and
     * 520 are still being processed and 600/998/999 leave the outcome open: the status query
     * decides those.
     */
    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        ObjectNode body = body();
        body.put("PlayerId", accountName);
        body.put("ProductWallet", product.wallet());
        body.put("TransactionId", transactionId(key));
        BigDecimal exact = amount.setScale(2);
        body.put("Amount", direction == Direction.IN ? exact : exact.negate());
        int code;
        String status;
        try {
            JsonNode root = answer(wire.callMovingMoney("transfer", post(baseUrl, "Transaction/PerformTransfer", body)), "transfer");
            code = code(root, "transfer");
            status = root.path("Status").asString("");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        return switch (code) {
            case 0 -> switch (status) {
                // An answer of Code 0 without a Status is how the older IM lines say done.
                case "Approved", "" -> new TransferResult(TransferState.SUCCESS, null, null);
                case "Processed" -> new TransferResult(TransferState.PENDING, null, null);
                case "Declined" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
                default -> new TransferResult(TransferState.UNKNOWN, null, null);
            };
            case 510 -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            // IM takes a TransactionId once; the same one again means the first exists: ask for its state.
            case 514, 523 -> transferStatus(accountName, key).afterDuplicate();
            case 517, 520 -> new TransferResult(TransferState.PENDING, null, null);
            case 600, 998, 999 -> new TransferResult(TransferState.UNKNOWN, null, null);
            case 541, 544, 560 -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            default -> throw mapped(code);
        };
    }

    /** {@code Transaction/CheckTransferStatus}: {@code Status} Approved, Processed or Declined; 516 is a TransactionId IM never saw. */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        ObjectNode body = body();
        body.put("PlayerId", accountName);
        body.put("ProductWallet", product.wallet());
        body.put("TransactionId", transactionId(key));
        JsonNode root = answer(wire.call("transfer-status", post(baseUrl, "Transaction/CheckTransferStatus", body)), "transfer-status");
        int code = code(root, "transfer-status");
        return switch (code) {
            case 0 -> switch (root.path("Status").asString("")) {
                case "Approved" -> new TransferResult(TransferState.SUCCESS, null, null);
                case "Processed" -> new TransferResult(TransferState.PENDING, null, null);
                case "Declined" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
                default -> throw wire.unreadable("transfer-status", "Status " + root.path("Status"));
            };
            case 516 -> new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
            case 541 -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case 517, 520, 998 -> new TransferResult(TransferState.PENDING, null, null);
            default -> throw mapped(code);
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * {@code Report/GetBetLog} on the report domain. IM selects by bet date ({@code DateFilterType}
     * 1) within at most 31 days and, with {@code LastUpdatedDate}, keeps the bets changed after
     * it: so the window's start is the LastUpdatedDate, the bet dates reach 30 days back from
     * its end, and the rows changed after its end (IM bounds only the start) are left to the
     * next window. Read page by page until {@code Pagination.TotalPage}; 558 is no data.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        List<ProviderBet> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            ObjectNode body = body();
            body.put("StartDate", query(to.minus(BET_DATE_REACH)));
            body.put("EndDate", query(to));
            body.put("LastUpdatedDate", query(from));
            body.put("DateFilterType", 1);
            body.put("Page", page);
            body.put("ProductWallet", product.wallet());
            body.put("Language", "ZH-CN");
            JsonNode root = answer(wire.call("bets", post(reportUrl, "Report/GetBetLog", body)), "bets");
            int code = code(root, "bets");
            if (code == 558) {
                return out;
            }
            if (code != 0) {
                throw mapped(code);
            }
            for (JsonNode row : root.path("Result")) {
                ProviderBet bet = bet(row);
                if (bet.updatedAt().isBefore(to)) {
                    out.add(bet);
                }
            }
            if (page >= root.path("Pagination").path("TotalPage").asInt(1)) {
                return out;
            }
        }
    }

    /**
     * One wager: {@code IsCancelled} is void, {@code IsSettled} settled (payout = stake +
     * {@code WinLoss}), neither open. IM's log has no resettlement flag: a wager settled again
     * comes back settled with its new {@code WinLoss} and a later {@code LastUpdatedDate}, and
     * the newest record holds. {@code MemberExposure} stands for the valid bet, as IM reports none.
     */
    private ProviderBet bet(JsonNode row) {
        BigDecimal stake = money(row.path("StakeAmount"), "bets");
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        BetStatus status;
        BigDecimal payout;
        if (flag(row.path("IsCancelled"))) {
            status = BetStatus.VOID;
            payout = zero;
        } else if (flag(row.path("IsSettled"))) {
            status = BetStatus.SETTLED;
            payout = stake.add(money(row.path("WinLoss"), "bets"));
        } else {
            status = BetStatus.OPEN;
            payout = zero;
        }
        JsonNode exposure = row.path("MemberExposure");
        JsonNode event = row.path("DetailItems").path(0).path("EventId");
        return new ProviderBet(row.path("BetId").asString(), row.path("PlayerId").asString(), row.path("GameId").asString(),
                event.isMissingNode() || event.isNull() ? null : event.asString(), row.path("Currency").asString("CNY"), stake,
                exposure.isMissingNode() || exposure.isNull() ? stake : money(exposure, "bets").abs(), payout, status,
                recorded(row.path("WagerCreationDateTime")), recorded(row.path("SettlementDateTime")),
                recorded(row.path("LastUpdatedDate")));
    }

    /**
     * IM's {@code TransactionId}: the order's creation time in UTC+8 {@code yyMMddHHmmss}, then the
     * gateway-wide transfer number. Digits only, at most 31, stable for every retry; the number
     * keeps IMSport's and IMOne's ids apart where they share one IM merchant.
     */
    public static String transactionId(TransferKey key) {
        return LocalDateTime.ofInstant(key.createdAt(), UTC_PLUS_8).format(ID_TIME) + key.number();
    }

    private ObjectNode body() {
        ObjectNode body = mapper.createObjectNode();
        body.put("MerchantCode", merchantCode);
        return body;
    }

    private ProviderHttp.Request post(Supplier<String> host, String action, ObjectNode body) {
        return ProviderHttp.Request.post(URI.create(host.get() + "/" + action), "application/json", mapper.writeValueAsString(body));
    }

    private JsonNode answer(ProviderHttp.Answer answer, String operation) {
        try {
            JsonNode root = json.readTree(answer.body());
            if (root == null || !root.isObject()) {
                throw wire.unreadable(operation, "not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
    }

    /** {@code Code}, a number or digits in a string depending on the IM line. */
    private int code(JsonNode root, String operation) {
        JsonNode code = root.path("Code");
        if (code.isNumber()) {
            return code.asInt();
        }
        if (code.isString() && code.asString().matches("-?\\d{1,6}")) {
            return Integer.parseInt(code.asString());
        }
        throw wire.unreadable(operation, "Code " + code);
    }

    /** IM's flags come as booleans or as 0/1. */
    private static boolean flag(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.asInt(0) == 1;
    }

    private BigDecimal money(JsonNode value, String operation) {
        try {
            return ProviderCodec.money(value.isNumber() ? value.decimalValue().toPlainString() : value.asString(""));
        } catch (ArithmeticException | NumberFormatException e) {
            throw wire.unreadable(operation, "amount " + value);
        }
    }

    private static String query(Instant instant) {
        return LocalDateTime.ofInstant(instant, UTC_PLUS_8).format(QUERY_TIME);
    }

    /** A record's time: {@code yyyy-MM-dd HH:mm:ss +08:00}; without an offset it is IM's own UTC+8. */
    private Instant recorded(JsonNode value) {
        String text = value.isMissingNode() || value.isNull() ? "" : value.asString("").replace('T', ' ').trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            TemporalAccessor parsed = RECORD_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant() : ((LocalDateTime) parsed).toInstant(UTC_PLUS_8);
        } catch (DateTimeParseException e) {
            throw wire.unreadable("bets", "time " + text);
        }
    }

    /** IM's {@code Code} onto the catalog. */
    private static GatewayException mapped(int code) {
        return new GatewayException(switch (code) {
            case 500, 501, 522 -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case 521, 546 -> Errors.GAME_NOT_FOUND;
            case 533, 611 -> Errors.GAME_MAINTENANCE;
            case 517, 520, 527, 557, 600, 998 -> Errors.PROVIDER_BUSY;
            case 510 -> Errors.INSUFFICIENT_BALANCE;
            case 514, 523 -> Errors.ORDER_CONFLICT;
            case 516 -> Errors.ORDER_NOT_FOUND;
            default -> Errors.PROVIDER_REFUSED;
        });
    }
}
