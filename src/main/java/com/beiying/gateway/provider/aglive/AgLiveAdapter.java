package com.beiying.gateway.provider.aglive;

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
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * AG视讯 (Asia Gaming live casino, the "GI" API) in its own protocol ({@code docs/providers.md},
 * "AGLive"): account and money calls are {@code GET doBusiness.do?params&key} where {@code params}
 * is the DES-encrypted list {@code k=v/\\\\/k=v} and {@code key} is {@code md5(params + md5Key)}, sent
 * with {@code User-Agent: WEB_LIB_GI_<cagent>}; answers are {@code <result info=".." msg=".."/>}.
 * Money moves in two steps, {@code tc} (prepare) and {@code tcc} (confirm); {@code qos} tells an
 * order's state. Launches go through {@code forwardGame.do}, bet records come from the data API's
 * {@code getorders.xml} as XML rows. Every time is US-Eastern standard time, fixed GMT-4.
 */
@Component
@ConditionalOnRole(Role.WORKER)
@EnableConfigurationProperties(AgLiveAdapter.Settings.class)
class AgLiveAdapter implements ProviderAdapter {
    private static final ZoneOffset GMT_MINUS_4 = ZoneOffset.ofHours(-4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** AG's separator between parameters: a slash, four backslashes and a slash, as the ancestor sends it. */
    private static final String SEPARATOR = "/\\\\\\\\/";
    private static final RecordRules RULES = new RecordRules(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(3),
            Duration.ofDays(3), RecordRules.Basis.MODIFIED_TIME, GMT_MINUS_4, false);
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url=([^\"'>\\s]+)");
    private static final Pattern ERROR_CODE = Pattern.compile("error:(\\d+)");
    private static final DocumentBuilderFactory XML = xmlFactory();

    /**
     * Connection to AG: {@code GATEWAY_PROVIDERS_AGLIVE_BASEURL} (the GI host of {@code doBusiness.do}),
     * {@code ..._LAUNCHURL} (the GCI host of {@code forwardGame.do}) and {@code ..._DATAURL} (the data
     * API host of {@code getorders.xml}), both the base URL when unset; {@code ..._CAGENT},
     * {@code ..._DESKEY} (8 characters), {@code ..._MD5KEY}, {@code ..._PIDTOKEN} (the data API's
     * secret), {@code ..._DATACAGENT} (the data API's agent, the cagent when unset), {@code ..._DESMODE}
     * ({@code CBC_HEX}, the default, or {@code ECB_BASE64}), {@code ..._CURRENCY} (the line's currency,
     * CNY) and {@code ..._PERPAGE} (records per page, 500).
     */
    @ConfigurationProperties("gateway.providers.aglive")
    record Settings(String baseUrl, String launchUrl, String dataUrl, String cagent, String desKey, String md5Key, String pidToken,
                    String dataCagent, String desMode, String currency, Integer perPage) {
    }

    /** What AG answered in {@code <result info msg/>}. */
    private record Result(String info, String msg) {
        boolean ok() {
            return "0".equals(info);
        }

        boolean insufficient() {
            Matcher code = ERROR_CODE.matcher(msg);
            return (code.find() && code.group(1).equals("10002")) || msg.contains("not_enough_credit")
                    || info.equals("not_enough_credit");
        }
    }

    private final ProviderHttp wire;
    private final Clock clock;
    private final Supplier<String> giUrl;
    private final Supplier<String> launchUrl;
    private final Supplier<String> dataUrl;
    private final String cagent;
    private final byte[] desKey;
    private final String md5Key;
    private final String pidToken;
    private final String dataCagent;
    private final boolean ecbBase64;
    private final String currency;
    private final int perPage;

    AgLiveAdapter(Settings settings, ProviderEndpoints endpoints, ProviderHttp.Wires wires, Clock clock) {
        String base = settings.baseUrl();
        this.wire = wires.of(Game.AGLIVE);
        this.clock = clock;
        this.giUrl = endpoints.baseUrl(Game.AGLIVE, base);
        this.launchUrl = blank(settings.launchUrl()) ? giUrl : endpoints.baseUrl(Game.AGLIVE, settings.launchUrl());
        this.dataUrl = blank(settings.dataUrl()) ? giUrl : endpoints.baseUrl(Game.AGLIVE, settings.dataUrl());
        this.cagent = endpoints.credential(Game.AGLIVE, base, "cagent", settings.cagent(), 3, "GATEWAY_PROVIDERS_AGLIVE_CAGENT");
        this.desKey = endpoints.credential(Game.AGLIVE, base, "des-key", settings.desKey(), 8, "GATEWAY_PROVIDERS_AGLIVE_DESKEY")
                .getBytes(StandardCharsets.US_ASCII);
        this.md5Key = endpoints.credential(Game.AGLIVE, base, "md5-key", settings.md5Key(), 12, "GATEWAY_PROVIDERS_AGLIVE_MD5KEY");
        this.pidToken = endpoints.credential(Game.AGLIVE, base, "pidtoken", settings.pidToken(), 32, "GATEWAY_PROVIDERS_AGLIVE_PIDTOKEN");
        this.dataCagent = blank(settings.dataCagent()) ? cagent : settings.dataCagent();
        this.ecbBase64 = "ECB_BASE64".equalsIgnoreCase(settings.desMode());
        this.currency = blank(settings.currency()) ? "CNY" : settings.currency();
        this.perPage = settings.perPage() == null ? 500 : settings.perPage();
    }

    @Override
    public Game game() {
        return Game.AGLIVE;
    }

    /** Letters, digits and underscores, fewer than 20 (AG's rule for loginname). */
    @Override
    public String accountName(long memberId) {
        return AccountNames.of("ag", memberId, "_", 19, false);
    }

    /** {@code lg} checks or creates the account; AG answers {@code info="0"} for an existing one with the same password. */
    @Override
    public void openAccount(String accountName, String currency) {
        if (!currency.equals(this.currency)) {
            // AG keeps one account per loginname and currency, and this line calls it in one currency only.
            throw new GatewayException(Errors.CURRENCY_MISMATCH);
        }
        Map<String, String> p = params(accountName, "lg");
        p.put("oddtype", "A");
        Result r = result(wire.call("accounts", gi(giUrl.get() + "/doBusiness.do", p)), "accounts");
        if (!r.ok()) {
            throw mapped(r);
        }
    }

    /**
     * Opens {@code forwardGame.do} itself and hands the member the page AG forwards to, so AG's
     * refusals (a game it does not offer, an unknown account, a wrong key) are known before anyone
     * is sent there.
     */
    @Override
    public Launch launch(String accountName, LaunchOptions options) {
        boolean mobile = !options.platform().equals("PC");
        String gameType = options.gameId() == null ? (mobile ? "11" : "0") : options.gameId();
        if (!gameType.matches("[A-Za-z0-9]{1,16}")) {
            throw new GatewayException(Errors.GAME_NOT_FOUND);
        }
        String sid = cagent + clock.millis() + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cagent", cagent);
        p.put("loginname", accountName);
        p.put("password", password(accountName));
        p.put("dm", "NO_RETURN");
        p.put("sid", sid);
        p.put("actype", "1");
        p.put("lang", options.language().equals("en") ? "3" : "1");
        p.put("gameType", gameType);
        p.put("oddtype", "A");
        p.put("cur", currency);
        if (mobile) {
            p.put("mh5", "y");
        }
        ProviderHttp.Answer answer = wire.call("launch", gi(launchUrl.get() + "/forwardGame.do", p));
        return new Launch(forwarded(answer), sid);
    }

    /** A redirect's location, a page's refresh URL, or AG's refusal as XML. */
    private String forwarded(ProviderHttp.Answer answer) {
        if (answer.status() >= 300 && answer.status() < 400) {
            List<String> location = answer.headers().getOrDefault("location", List.of());
            if (!location.isEmpty()) {
                return location.get(0);
            }
        }
        String body = answer.body().trim();
        if (body.startsWith("<?xml") || body.startsWith("<result")) {
            throw mapped(result(answer, "launch"));
        }
        Matcher url = REFRESH_URL.matcher(body);
        if (!url.find()) {
            throw wire.unreadable("launch", "no game address");
        }
        return url.group(1).replace("&amp;", "&");
    }

    @Override
    public BigDecimal balance(String accountName) {
        Result r = result(wire.call("balance", gi(giUrl.get() + "/doBusiness.do", params(accountName, "gb"))), "balance");
        if (!r.info().matches("-?\\d+(\\.\\d+)?")) {
            throw mapped(r);
        }
        return ProviderCodec.money(r.info());
    }

    /**
     * {@code tc} prepares, {@code tcc} with {@code flag=1} confirms: money moves at the confirmation.
     * When the prepare's answer is lost AG may or may not hold it; the adapter confirms anyway, which
     * finishes a prepare AG holds and is refused for one it never got, so no prepared transfer is left
     * hanging and {@code qos} has a final answer; which of the two happened is the status query's to say.
     */
    @Override
    public TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction) {
        Map<String, String> tc = params(accountName, "tc");
        tc.put("billno", billNo(key));
        tc.put("type", direction == Direction.IN ? "IN" : "OUT");
        tc.put("credit", ProviderCodec.money(amount));
        Result prepared;
        try {
            prepared = result(wire.callMovingMoney("transfer", gi(giUrl.get() + "/doBusiness.do", tc)), "transfer");
        } catch (ProviderHttp.Unavailable e) {
            confirmAfterLostPrepare(tc);
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        if (prepared.info().equals("network_error")) {
            confirmAfterLostPrepare(tc);
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        if (prepared.info().equals("duplicate_billno")) {
            // AG takes a billno once; the same one again means the first exists: ask for its state.
            return transferStatus(accountName, key).afterDuplicate();
        }
        if (!prepared.ok()) {
            return refused(prepared);
        }
        Result confirmed;
        try {
            confirmed = result(wire.callMovingMoney("transfer", gi(giUrl.get() + "/doBusiness.do", confirmation(tc))), "transfer");
        } catch (ProviderHttp.Unavailable e) {
            return new TransferResult(TransferState.UNKNOWN, null, null);
        }
        return switch (confirmed.info()) {
            case "0" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "1", "2" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case "network_error" -> new TransferResult(TransferState.UNKNOWN, null, null);
            default -> refused(confirmed);
        };
    }

    private Map<String, String> confirmation(Map<String, String> tc) {
        Map<String, String> tcc = new LinkedHashMap<>();
        tcc.put("cagent", cagent);
        tcc.put("loginname", tc.get("loginname"));
        tcc.put("method", "tcc");
        tcc.put("billno", tc.get("billno"));
        tcc.put("type", tc.get("type"));
        tcc.put("credit", tc.get("credit"));
        tcc.put("actype", "1");
        tcc.put("flag", "1");
        tcc.put("password", tc.get("password"));
        tcc.put("cur", currency);
        return tcc;
    }

    private void confirmAfterLostPrepare(Map<String, String> tc) {
        try {
            wire.callMovingMoney("transfer", gi(giUrl.get() + "/doBusiness.do", confirmation(tc)));
        } catch (ProviderHttp.Unavailable | GatewayException e) {
            // Still unknown: the status query settles it.
        }
    }

    /** {@code qos}: 0 done, 1 failed or never confirmed, 2 failed for its amount, {@code network_error} still working. */
    @Override
    public TransferResult transferStatus(String accountName, TransferKey key) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cagent", cagent);
        p.put("billno", billNo(key));
        p.put("method", "qos");
        p.put("actype", "1");
        p.put("cur", currency);
        Result r = result(wire.call("transfer-status", gi(giUrl.get() + "/doBusiness.do", p)), "transfer-status");
        return switch (r.info()) {
            case "0" -> new TransferResult(TransferState.SUCCESS, null, null);
            case "1", "2" -> new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
            case "network_error" -> new TransferResult(TransferState.PENDING, null, null);
            case "billno_not_exist" -> new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());
            default -> throw mapped(r);
        };
    }

    @Override
    public RecordRules recordRules() {
        return RULES;
    }

    /**
     * {@code getorders.xml}: rows of the window by settlement ({@code reckontime}; an unsettled bet by
     * its bet time), page after page until {@code addition/totalpage}.
     */
    @Override
    public List<ProviderBet> betRecords(Instant from, Instant to) {
        String start = LocalDateTime.ofInstant(from, GMT_MINUS_4).format(TIME);
        String end = LocalDateTime.ofInstant(to, GMT_MINUS_4).format(TIME);
        List<ProviderBet> out = new ArrayList<>();
        int totalPages = 1;
        for (int page = 1; page <= totalPages; page++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("cagent", dataCagent);
            q.put("startdate", start);
            q.put("enddate", end);
            q.put("gametype", "");
            q.put("order", "reckontime");
            q.put("by", "ASC");
            q.put("page", Integer.toString(page));
            q.put("perpage", Integer.toString(perPage));
            q.put("key", ProviderCodec.md5(String.join("", q.values()) + pidToken));
            ProviderHttp.Request request = ProviderHttp.Request.get(URI.create(dataUrl.get() + "/getorders.xml?" + ProviderCodec.formQuery(q)))
                    .header("User-Agent", "WEB_LIB_GI_" + dataCagent);
            Element root = xml(wire.call("bets", request), "bets");
            String info = text(root, "info");
            if (!info.equals("0")) {
                throw mapped(new Result(info, ""));
            }
            NodeList rows = root.getElementsByTagName("row");
            for (int i = 0; i < rows.getLength(); i++) {
                out.add(bet((Element) rows.item(i)));
            }
            String pages = text(root, "totalpage");
            totalPages = pages.isEmpty() ? page : Integer.parseInt(pages);
        }
        return out;
    }

    /** One row: {@code flag} 0 unsettled, 1 settled (a resettled bet is settled again), -8/-9 cancelled. */
    private ProviderBet bet(Element row) {
        BigDecimal stake = ProviderCodec.money(row.getAttribute("betAmount"));
        BigDecimal net = ProviderCodec.money(row.getAttribute("netAmount"));
        BetStatus status = switch (row.getAttribute("flag")) {
            case "0" -> BetStatus.OPEN;
            case "1" -> BetStatus.SETTLED;
            case "-8", "-9" -> BetStatus.VOID;
            default -> throw wire.unreadable("bets", "flag " + row.getAttribute("flag"));
        };
        Instant placed = gmtMinus4(row.getAttribute("betTime"));
        String reckoned = row.getAttribute("recalcuTime");
        Instant changed = reckoned.isBlank() ? null : gmtMinus4(reckoned);
        return new ProviderBet(row.getAttribute("billNo"), row.getAttribute("playName"), row.getAttribute("gameType"),
                row.getAttribute("gameCode"), row.getAttribute("currency"), stake, ProviderCodec.money(row.getAttribute("validBetAmount")),
                status == BetStatus.SETTLED ? stake.add(net) : BigDecimal.ZERO.setScale(2), status,
                placed, status == BetStatus.OPEN ? null : changed, changed == null ? placed : changed);
    }

    /** AG's rule: the cagent and 16 digits; here the transfer's gateway-wide number. */
    private String billNo(TransferKey key) {
        return cagent + String.format("%016d", key.number() % 10_000_000_000_000_000L);
    }

    /**
     * The password AG wants on every call and nobody types: made from the account name, so it is the
     * same on every instance and after every restart. AG's calls are authenticated by the DES and MD5
     * keys, so it guards nothing of its own.
     */
    private String password(String account) {
        return ProviderCodec.md5(cagent + "/" + account).substring(0, 12);
    }

    private Map<String, String> params(String account, String method) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cagent", cagent);
        p.put("loginname", account);
        p.put("method", method);
        p.put("actype", "1");
        p.put("password", password(account));
        p.put("cur", currency);
        return p;
    }

    /** A GI request: the parameters sealed with DES into {@code params}, {@code key} over them and the MD5 key. */
    private ProviderHttp.Request gi(String url, Map<String, String> params) {
        String plain = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(SEPARATOR));
        String sealed = ecbBase64
                ? Base64.getEncoder().encodeToString(ProviderCodec.encrypt("DES/ECB/PKCS5Padding", "DES", desKey, null, plain))
                : HexFormat.of().withUpperCase().formatHex(ProviderCodec.encrypt("DES/CBC/PKCS5Padding", "DES", desKey, desKey, plain));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("params", sealed);
        q.put("key", ProviderCodec.md5(sealed + md5Key));
        return ProviderHttp.Request.get(URI.create(url + "?" + ProviderCodec.formQuery(q))).header("User-Agent", "WEB_LIB_GI_" + cagent);
    }

    private Result result(ProviderHttp.Answer answer, String operation) {
        Element root = xml(answer, operation);
        if (!root.getTagName().equals("result") || !root.hasAttribute("info")) {
            throw wire.unreadable(operation, "no result info");
        }
        return new Result(root.getAttribute("info"), root.getAttribute("msg"));
    }

    private Element xml(ProviderHttp.Answer answer, String operation) {
        try {
            return XML.newDocumentBuilder().parse(new InputSource(new StringReader(answer.body()))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw wire.unreadable(operation, "not XML");
        }
    }

    private static String text(Element root, String tag) {
        NodeList found = root.getElementsByTagName(tag);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }

    /** A refused transfer: failed when AG's refusal is final, thrown when it is about AG or the gateway itself. */
    private TransferResult refused(Result r) {
        if (r.insufficient()) {
            return new TransferResult(TransferState.FAILED, null, Errors.INSUFFICIENT_BALANCE.name());
        }
        GatewayException e = mapped(r);
        if (e.error() == Errors.PROVIDER_REFUSED) {
            return new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
        }
        throw e;
    }

    /** AG's words in {@code info} and {@code error:<n>} codes in {@code msg} onto the catalog. */
    private static GatewayException mapped(Result r) {
        return new GatewayException(switch (r.info()) {
            case "key_error" -> Errors.PROVIDER_CREDENTIALS_REJECTED;
            case "maintenance" -> Errors.GAME_MAINTENANCE;
            case "network_error" -> Errors.PROVIDER_BUSY;
            case "gametype_error" -> Errors.GAME_NOT_FOUND;
            default -> r.insufficient() ? Errors.INSUFFICIENT_BALANCE : Errors.PROVIDER_REFUSED;
        });
    }

    private static Instant gmtMinus4(String text) {
        return LocalDateTime.parse(text.trim(), TIME).toInstant(GMT_MINUS_4);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A parser that reads AG's answers and nothing they might point at (no DTDs, no external entities). */
    private static DocumentBuilderFactory xmlFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
