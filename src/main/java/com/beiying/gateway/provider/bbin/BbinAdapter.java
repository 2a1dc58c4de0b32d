package com.beiying.gateway.provider.bbin;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BBIN (波音) in its own protocol ({@code docs/providers.md}, "BBIN"): every call is
 * {@code GET app/WebService/JSON/display.php/<Action>?website&...&key} where {@code key} is
 * {@code A + md5(website + value + KeyB + yyyyMMdd) + C}: KeyB is the action's own secret, A and C
 * random characters of lengths BBIN assigns per action and merchant, and the date US-Eastern
 * (GMT-4). Answers are {@code {"result":bool,"data":..,"pagination":..}}; bet records come from
 * {@code WagersRecordBy3} by modification time, five minutes at most, inside one GMT-4 day.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(BbinAdapter.Settings.class)
class BbinAdapter implements ProviderAdapter {
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter REMIT_DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final RecordRules RULES = new RecordRules(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(2),
            Duration.ofDays(7), RecordRules.Basis.MODIFIED_TIME, GMT_MINUS_4, true);
    /** The A and C lengths of each action's key, as the ancestor's BBIN merchant had them. */
    private static final String DEFAULT_KEY_LENGTHS = "CreateMember=2:6,CreateSession=7:2,CheckUsrBalance=1:8,Transfer=3:7,"
            + "CheckTransfer=2:3,GameUrlBy3=6:7,WagersRecordBy3=4:8";

    /**
     * Connection to BBIN: {@code GATEWAY_PROVIDERS_BBIN_BASEURL} (the server-to-server host),
     * {@code ..._WEBSITE}, {@code ..._UPPERNAME} (the agent above the members), one KeyB per action
     * ({@code ..._CREATEMEMBERKEY}, {@code _CREATESESSIONKEY}, {@code _CHECKUSRBALANCEKEY},
     * {@code _TRANSFERKEY}, {@code _CHECKTRANSFERKEY}, {@code _GAMEURLKEY}, {@code _WAGERSRECORDKEY}),
     * {@code ..._KEYLENGTHS} ({@code Action=a:c,...}, overriding the ancestor's lengths) and
     * {@code ..._PAGELIMIT} (records per page, 500).
     */
    @ConfigurationProperties("gateway.providers.bbin")
    record Settings(String baseUrl, String website, String upperName, String createMemberKey, String createSessionKey,
                    String checkUsrBalanceKey, String transferKey, String checkTransferKey, String gameUrlKey, String wagersRecordKey,
                    String keyLengths, Integer pageLimit) {
    }

    /** One action's key material: its KeyB and the lengths of the random parts before and after the MD5. */
    private record Signing(String keyB, int before, int after) {
    }

    private final ProviderHttp wire;
    private final JsonMapper json;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final String website;
    private final String upperName;
    private final Map<String, Signing> signings = new HashMap<>();
    private final int pageLimit;

    BbinAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, JsonMapper json, Clock clock) {
        String base = settings.baseUrl();
        this.wire = wires.of(Game.BBIN);
        this.json = json;
        this.clock = clock;
        this.baseUrl = endpoints.baseUrl(Game.BBIN, base);
        this.website = endpoints.credential(Game.BBIN, base, "website", settings.website(), 6, "GATEWAY_PROVIDERS_BBIN_WEBSITE");
        this.upperName = endpoints.credential(Game.BBIN, base, "uppername", settings.upperName(), 8, "GATEWAY_PROVIDERS_BBIN_UPPERNAME");
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("CreateMember", endpoints.credential(Game.BBIN, base, "create-member-key", settings.createMemberKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_CREATEMEMBERKEY"));
        keys.put("CreateSession", endpoints.credential(Game.BBIN, base, "create-session-key", settings.createSessionKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_CREATESESSIONKEY"));
        keys.put("CheckUsrBalance", endpoints.credential(Game.BBIN, base, "check-usr-balance-key", settings.checkUsrBalanceKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_CHECKUSRBALANCEKEY"));
        keys.put("Transfer", endpoints.credential(Game.BBIN, base, "transfer-key", settings.transferKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_TRANSFERKEY"));
        keys.put("CheckTransfer", endpoints.credential(Game.BBIN, base, "check-transfer-key", settings.checkTransferKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_CHECKTRANSFERKEY"));
        keys.put("GameUrlBy3", endpoints.credential(Game.BBIN, base, "game-url-key", settings.gameUrlKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_GAMEURLKEY"));
        keys.put("WagersRecordBy3", endpoints.credential(Game.BBIN, base, "wagers-record-key", settings.wagersRecordKey(), 8,
                "GATEWAY_PROVIDERS_BBIN_WAGERSRECORDKEY"));
        Map<String, int[]> lengths = lengths(DEFAULT_KEY_LENGTHS);
        if (settings.keyLengths() != null && !settings.keyLengths().isBlank()) {
            lengths.putAll(lengths(settings.keyLengths()));
        }
        keys.forEach((action, keyB) -> signings.put(action, new Signing(keyB, lengths.get(action)[0], lengths.get(action)[1])));
        this.pageLimit = settings.pageLimit() == null ? 500 : settings.pageLimit();
    }

    @Override
    public Game game() {
        return Game.BBIN;
    }

    /** Letters and digits only, at most 20, with the ancestors' '0' between id and check. */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("bb", memberId, "0", 20, false);
    }

    /** CreateMember: 21100 created, 21001 already there (both fine). */
    @Override
    public void openAccount(String accountName, String currency) {
        Map<String, String> q = base(accountName);
        q.put("ingress", "1");
        JsonNode root = body(wire.call("accounts", get("CreateMember", accountName, q)), "accounts");
        String code = code(root);
        if (!code.equals("21100") && !code.equals("21001")) {
            throw mapped(code);
        }
    }

    /** CreateSession for the member, then GameUrlBy3 for the session: the live lobby, or the table type asked for. */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        if (options.gameId() != null && !options.gameId().matches("\\d{4}")) {
            // BBIN's live games are four-digit GameTypes; anything else names no game of BBIN's.
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        boolean pc = options.platform().equals("PC");
        String lang = options.language().equals("en") ? "en-us" : "zh-cn";
        Map<String, String> session = base(accountName);
        session.put("lang", lang);
        session.put("ingress", pc ? "1" : "2");
        String sessionId = expectOk(wire.call("launch", get("CreateSession", accountName, session)), "launch")
                .path("data").path("sessionid").asString("");
        if (sessionId.isEmpty()) {
            throw wire.unreadable("launch", "no session");
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("website", website);
        q.put("sessionid", sessionId);
        q.put("tag", "asia");
        q.put("lang", lang);
        if (options.gameId() != null) {
            q.put("gametype", options.gameId());
        }
        JsonNode urls = expectOk(wire.call("launch", get("GameUrlBy3", "", q)), "launch").path("data").path(0);
        String url = urls.path(pc ? "pc" : "mobile").asString("");
        if (url.isEmpty()) {
            throw wire.unreadable("launch", "no game address");
        }
        return new Launch(url, sessionId);
    }

    @Override
    public BigDecimal balance(String accountName) {
        Map<String, String> q = base(accountName);
        q.put("page", "");
        q.put("pagelimit", "");
        JsonNode row = expectOk(wire.call("balance", get("CheckUsrBalance", accountName, q)), "balance").path("data").path(0);
        if (row.isMissingNode()) {
            throw wire.unreadable("balance", "no balance row");
        }
        return money(row.path("Balance"));
    }

    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        String remitNo = remitNo(key);
        Map<String, String> q = base(accountName);
        q.put("remitno", remitNo);
        q.put("action", direction == Direction.IN ? "IN" : "OUT");
        q.put("remit", ProviderCodec.money(amount));
        JsonNode root;
        try {
            root = body(wire.callMovingMoney("transfer", get("Transfer", accountName + remitNo, q)), "transfer");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        String code = code(root);
        return switch (code) {
            case "11100" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "10002" -> new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
            // BBIN applies a remitno once; the same one again means the first exists: ask for its state.
            case "11000" -> transferStatus(accountName, key).afterDuplicate();
            default -> {
                GatewayException e = mapped(code);
                if (e.error() != Errors.PROVIDER_REFUSED) {
                    throw e;
                }
                yield new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            }
        };
    }

    /** CheckTransfer: {@code Status} 1 done, anything else failed; no record at all is an order BBIN never took. */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("website", website);
        q.put("transid", remitNo(key));
        q.put("uppername", upperName);
        JsonNode status = expectOk(wire.call("transfer-status", get("CheckTransfer", "", q)), "transfer-status")
                .path("data").path("Status");
        if (status.isMissingNode() || status.isNull()) {
            return new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
        }
        return status.asString().equals("1") ? new TransferResult(TransferState.SUCCESS, null, null)
                : new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * WagersRecordBy3 with {@code action=ModifiedTime}: one call per GMT-4 day the window touches
     * (a call names one {@code date}, its times inclusive to the second), each read page by page.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        List<ProviderBet> out = new ArrayList<>();
        for (Instant cursor = from; cursor.isBefore(to); ) {
            LocalDateTime start = LocalDateTime.ofInstant(cursor, GMT_MINUS_4).truncatedTo(ChronoUnit.SECONDS);
            Instant dayEnd = start.toLocalDate().plusDays(1).atStartOfDay().toInstant(GMT_MINUS_4);
            Instant segmentEnd = to.isBefore(dayEnd) ? to : dayEnd;
            LocalDateTime last = LocalDateTime.ofInstant(segmentEnd.minusNanos(1), GMT_MINUS_4);
            int totalPages = 1;
            for (int page = 1; page <= totalPages; page++) {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("website", website);
                q.put("action", "ModifiedTime");
                q.put("uppername", upperName);
                q.put("date", start.toLocalDate().format(DAY));
                q.put("starttime", start.format(CLOCK_TIME));
                q.put("endtime", last.format(CLOCK_TIME));
                q.put("page", Integer.toString(page));
                q.put("pagelimit", Integer.toString(pageLimit));
                JsonNode root = expectOk(wire.call("bets", get("WagersRecordBy3", "", q)), "bets");
                for (JsonNode row : root.path("data")) {
                    out.add(bet(row));
                }
                totalPages = root.path("pagination").path("TotalPage").asInt(page);
            }
            cursor = segmentEnd;
        }
        return out;
    }

    /** One wager: {@code Result} X unsettled, W/L/D (and 3/4/2/5 of other kinds) settled, C or -1 cancelled. */
    private ProviderBet bet(JsonNode row) {
        BigDecimal stake = money(row.path("BetAmount"));
        BetStatus status = switch (row.path("Result").asString("")) {
            case "X" -> BetStatus.OPEN;
            case "W", "L", "D", "2", "3", "4", "5" -> BetStatus.SETTLED;
            case "C", "-1" -> BetStatus.VOID;
            default -> throw wire.unreadable("bets", "Result " + row.path("Result"));
        };
        Instant placed = gmtMinus4(row.path("WagersDate").asString());
        Instant modified = gmtMinus4(row.path("ModifiedDate").asString());
        String currency = row.path("Currency").asString("RMB");
        return new ProviderBet(row.path("WagersID").asString(), row.path("UserName").asString(), row.path("GameType").asString(),
                row.path("RoundNo").asString(), currency.equals("RMB") ? "CNY" : currency, stake, money(row.path("Commissionable")),
                status == BetStatus.SETTLED ? stake.add(money(row.path("Payoff"))) : BigDecimal.ZERO.setScale(2), status, placed,
                status == BetStatus.OPEN ? null : modified, modified);
    }

    /** Digits, as BBIN wants remitno: the order's GMT-4 day and its gateway-wide number in 12 digits. */
    private static String remitNo(TransferKey key) {
        return LocalDate.ofInstant(key.createdAt(), GMT_MINUS_4).format(REMIT_DAY) + String.format("%012d", key.number() % 1_000_000_000_000L);
    }

    private Map<String, String> base(String account) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("website", website);
        q.put("username", account);
        q.put("uppername", upperName);
        return q;
    }

    /** A signed call: {@code key} = random A, md5(website + value + KeyB + GMT-4 date), random C. */
    private ProviderHttp.Request get(String action, String value, Map<String, String> query) {
        Signing s = signings.get(action);
        String date = LocalDate.now(clock.withZone(GMT_MINUS_4)).format(KEY_DATE);
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("key", random(s.before()) + ProviderCodec.md5(website + value + s.keyB() + date) + random(s.after()));
        return ProviderHttp.Request.get(URI.create(baseUrl.get() + "/app/WebService/JSON/display.php/" + action + "?"
                + ProviderCodec.formQuery(q)));
    }

    private JsonNode body(ProviderHttp.Answer answer, String operation) {
        try {
            JsonNode root = json.readTree(answer.body());
            if (!root.path("result").isBoolean()) {
                throw wire.unreadable(operation, "no result");
            }
            return root;
        } catch (JacksonException e) {
            throw wire.unreadable(operation, "not JSON");
        }
    }

    private JsonNode expectOk(ProviderHttp.Answer answer, String operation) {
        JsonNode root = body(answer, operation);
        if (!root.path("result").asBoolean()) {
            throw mapped(code(root));
        }
        return root;
    }

    /** {@code data.Code}, a string or a number depending on the call. */
    private static String code(JsonNode root) {
        return root.path("data").path("Code").asString("");
    }

    /** BBIN's codes onto the catalog. */
    private static GatewayException mapped(String code) {
        return new GatewayException(switch (code) {
            // A wrong key, a website or upper account BBIN does not know, or an address not on its list: configuration.
            case "44000", "22006", "40005", "44900" -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case "44444" -> Errors.GAME_MAINTENANCE;
            case "44003" -> Errors.PROVIDER_BUSY;
            case "40001", "45007" -> Errors.GAME_NOT_FOUND;
            case "10002" -> Errors.INSUFFICIENT_BALANCE;
            case "11000" -> Errors.ORDER_CONFLICT;
            default -> Errors.PROVIDER_REFUSED;
        });
    }

    private static BigDecimal money(JsonNode node) {
        return ProviderCodec.money(node.isNumber() ? node.decimalValue().toPlainString() : node.asString());
    }

    private static Instant gmtMinus4(String text) {
        return LocalDateTime.parse(text, RECORD_TIME).toInstant(GMT_MINUS_4);
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return out.toString();
    }

    /** {@code Action=a:c,...} into lengths by action. */
    private static Map<String, int[]> lengths(String spec) {
        Map<String, int[]> out = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] nameAndLengths = part.trim().split("=");
            String[] ac = nameAndLengths[1].split(":");
            out.put(nameAndLengths[0].trim(), new int[] {Integer.parseInt(ac[0].trim()), Integer.parseInt(ac[1].trim())});
        }
        return out;
    }
}
