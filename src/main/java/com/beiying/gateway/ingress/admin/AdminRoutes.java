package com.beiying.gateway.ingress.admin;

import static com.beiying.gateway.ingress.ApiRoute.answer;
import static com.beiying.gateway.ingress.ApiRoute.path;
import static com.beiying.gateway.ingress.ApiRoute.query;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.ingress.ApiField;
import com.beiying.gateway.ingress.ApiField.Type;
import com.beiying.gateway.ingress.ApiRoute;
import com.beiying.gateway.ingress.ApiRoute.Answer;
import com.beiying.gateway.ingress.ApiRoute.Guard;
import com.beiying.gateway.ingress.ApiRoutes;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The admin API's routes for the OpenAPI document (docs/api.md, "Admin API"). One entry per route:
 * a route served by {@link AdminController} and missing here fails {@code OpenApiDriftTest}.
 */
final class AdminRoutes implements ApiRoutes {
    private static final ApiField NAME = ApiField.required(RequestField.NAME, Type.STRING, "\"Acme\"",
            "the operator's name, 1-64 characters", Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG).bounded("1", "64");
    private static final ApiField IP_ALLOWLIST = ApiField.required(RequestField.IP_ALLOWLIST, Type.STRINGS,
            "[\"127.0.0.1/32\",\"::1/128\"]", "IPv4 and IPv6 CIDRs the operator calls from", Errors.FIELD_BLANK);
    private static final ApiField LAUNCH_DOMAIN = ApiField.optional(RequestField.LAUNCH_DOMAIN, Type.STRING,
            "\"play.acme.example\"", "a host name or an https origin, kept as host[:port]",
            Errors.FIELD_TOO_LONG).bounded("1", "300");
    private static final ApiField CURRENCY = ApiField.required(RequestField.CURRENCY, Type.STRING, "\"CNY\"",
            "CNY, EUR, HKD, IDR, INR, JPY, KRW, MYR, PHP, THB, TWD, USD or VND", Errors.UNSUPPORTED_CURRENCY);
    private static final ApiField ERROR_FORMAT = ApiField.optional(RequestField.ERROR_FORMAT, Type.STRING, "\"RGS\"",
            "BEIYING (default) or RGS");
    private static final ApiField GAMES = ApiField.optional(RequestField.GAMES, Type.STRINGS, "[\"AGLive\",\"KY\"]",
            "the games the operator may use (default all)", Errors.UNKNOWN_GAME);
    private static final ApiField RATE_LIMIT = ApiField.optional(RequestField.RATE_LIMIT, Type.INTEGER, "500",
            "requests per second per instance (default gateway.ingress.rate-limit)").bounded("1", "100000");
    private static final ApiField KAFKA_NATIVE = ApiField.optional(RequestField.KAFKA_NATIVE, Type.BOOLEAN, "false",
            "true: the operator also gets its own commands and replies topics");
    private static final ApiField TIME_ZONE = ApiField.optional(RequestField.TIME_ZONE, Type.STRING, "\"Asia/Shanghai\"",
            "IANA zone id or fixed offset; bet-record times are shown in it", Errors.FIELD_TOO_LONG).bounded("1", "64");
    private static final ApiField STATUS = ApiField.optional(RequestField.STATUS, Type.STRING, "\"SUSPENDED\"",
            "ACTIVE or SUSPENDED");
    private static final ApiField ENABLED = ApiField.required(RequestField.ENABLED, Type.BOOLEAN, "true",
            "true starts the maintenance window, false ends it");
    private static final ApiField UNTIL = ApiField.optional(RequestField.UNTIL, Type.STRING, "\"2026-11-23T10:00:00Z\"",
            "ISO-8601 with offset: the window ends by itself then", Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG)
            .bounded("10", "40");
    private static final ApiField GAME = ApiField.required(RequestField.GAME, Type.STRING, "\"KY\"",
            "provider code", Errors.UNKNOWN_GAME);
    private static final ApiField CREDIT = ApiField.required(RequestField.CREDIT, Type.DECIMAL, "\"50000.00\"",
            "the credit line, 0 to 1,000,000,000.00, at most two decimals", Errors.FIELD_INVALID,
            Errors.FIELD_BELOW_MINIMUM, Errors.FIELD_ABOVE_MAXIMUM).bounded("0", "1000000000.00");

    private static final ApiField QUERY_OPERATOR_ID = ApiField.required(RequestField.OPERATOR_ID, Type.STRING, "\"op4k2xq9\"",
            "the operator");
    private static final ApiRoute.Param OPERATOR_ID = path("OperatorId", "op4k2xq9", "the operator");
    private static final Answer[] OPERATOR = {
            answer("OperatorId", "string", "id"), answer("Name", "string", "name"),
            answer("Status", "string", "ACTIVE or SUSPENDED"), answer("IpAllowlist", "array", "CIDRs"),
            answer("LaunchDomain", "string", "host[:port] or null"), answer("Currency", "string", "currency"),
            answer("ErrorFormat", "string", "BEIYING or RGS"), answer("Games", "array", "enabled games"),
            answer("RateLimit", "integer", "or null: the gateway's default"), answer("KafkaNative", "boolean", "own topics"),
            answer("TimeZone", "string", "zone of bet-record times")};
    private static final String OPERATOR_EXAMPLE = "{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\","
            + "\"Name\":\"Acme\",\"Status\":\"ACTIVE\",\"IpAllowlist\":[\"127.0.0.1/32\",\"::1/128\"],"
            + "\"LaunchDomain\":\"play.acme.example\",\"Currency\":\"CNY\",\"ErrorFormat\":\"RGS\",\"Games\":[\"AGLive\",\"KY\"],"
            + "\"RateLimit\":500,\"KafkaNative\":false,\"TimeZone\":\"Asia/Shanghai\"}";
    private static final Answer[] CREDENTIALS = {answer("OperatorId", "string", "id"),
            answer("ApiKey", "string", "the key of Authorization: Bearer"), answer("Secret", "string", "shown once, then only kept sealed")};
    private static final String CREDENTIALS_EXAMPLE = "{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\","
            + "\"ApiKey\":\"akQ3m9Xr2Lw8Vn5Kp0Tc7Hg1\",\"Secret\":\"Zq8nR3xW0bLk5Vt2Mc9Ye7Ha4Gf1Ds6P\"}";

    private static final List<ApiRoute> ROUTES = List.of(
            ApiRoute.of(HttpMethod.GET, "/admin/v1/operators", Guard.ADMIN, "Every operator, as the single view shows it (no secrets)")
                    .withAnswer(answer("Operators", "array", "one operator each, fields as GET /admin/v1/operators/{OperatorId}"))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Operators\":["
                            + "{" + OPERATOR_EXAMPLE.substring(OPERATOR_EXAMPLE.indexOf("\"OperatorId\"")) + "]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/operators/{OperatorId}/credit", Guard.ADMIN,
                            "Every game's credit line of an operator, with what is used and available")
                    .withParams(OPERATOR_ID)
                    .withAnswer(answer("OperatorId", "string", "operator"),
                            answer("Lines", "array", "Game, Enabled, Credit, Used, Available"))
                    .withErrors(Errors.OPERATOR_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\",\"Lines\":[{\"Game\":"
                            + "\"KY\",\"Enabled\":true,\"Credit\":\"50000.00\",\"Used\":\"100.50\",\"Available\":\"49899.50\"}]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/games", Guard.ADMIN, "Every game with its maintenance status")
                    .withAnswer(answer("Games", "array", "Code, Name, Type, Status (Normal or Maintenance), MaintenanceUntil"))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Games\":[{\"Code\":\"KY\",\"Name\":\"开元棋牌\","
                            + "\"Type\":\"CARDS\",\"Status\":\"Normal\",\"MaintenanceUntil\":null}]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/members", Guard.ADMIN,
                            "A member: provider accounts (with provider balances on request) and latest orders")
                    .withParams(query("Balances", "true", "true: ask each provider for the balance"))
                    .withQueryFields(QUERY_OPERATOR_ID, ApiField.required(RequestField.USER_NAME, Type.STRING, "\"alice01\"",
                            "the member", Errors.INVALID_USERNAME))
                    .withAnswer(answer("OperatorId", "string", "operator"), answer("UserName", "string", "member"),
                            answer("UserId", "integer", "the gateway's member id"), answer("Locked", "boolean", "locked"),
                            answer("Accounts", "array", "Game, Account, OpenedAt, Balance or Error"),
                            answer("Orders", "array", "the latest orders, newest first"))
                    .withErrors(Errors.OPERATOR_NOT_FOUND, Errors.USER_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\",\"UserName\":"
                            + "\"alice01\",\"UserId\":17,\"Locked\":false,\"Accounts\":[{\"Game\":\"KY\",\"Account\":\"op4k2xq9_alice01\","
                            + "\"OpenedAt\":\"2026-12-02T11:00:01.204Z\",\"Balance\":\"100.50\"}],\"Orders\":[{\"OperatorId\":\"op4k2xq9\","
                            + "\"OrderID\":\"order-0009\",\"UserName\":\"alice01\",\"Game\":\"KY\",\"Money\":\"100.50\","
                            + "\"Action\":\"IN\",\"Status\":\"SUCCESS\",\"CreatedAt\":\"2026-12-02T11:02:03.412Z\"}]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/reports/daily", Guard.ADMIN,
                            "Per day of the operator's time zone and game: transfers, bets, turnover, payout, GGR (docs/events.md)")
                    .withQueryFields(QUERY_OPERATOR_ID,
                            ApiField.required(RequestField.FROM, Type.STRING, "\"2026-12-01\"", "first day, yyyy-MM-dd"),
                            ApiField.required(RequestField.TO, Type.STRING, "\"2026-12-07\"",
                                    "last day, included, at most 92 days after From"),
                            GAME.required(false))
                    .withAnswer(answer("OperatorId", "string", "operator"), answer("TimeZone", "string", "the days' zone"),
                            answer("From", "string", "first day"), answer("To", "string", "last day"),
                            answer("Days", "array", "Date, Game, TransfersIn, TransfersInCount, TransfersOut, TransfersOutCount, Bets, "
                                    + "BetAmount, Turnover, Payout, GGR, ActiveMembers"))
                    .withErrors(Errors.OPERATOR_NOT_FOUND, Errors.FROM_AFTER_TO, Errors.TIME_INTERVAL, Errors.UNKNOWN_GAME)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\",\"TimeZone\":"
                            + "\"Asia/Shanghai\",\"From\":\"2026-12-01\",\"To\":\"2026-12-07\",\"Days\":[{\"Date\":\"2026-12-02\","
                            + "\"Game\":\"KY\",\"TransfersIn\":\"100.50\",\"TransfersInCount\":1,\"TransfersOut\":\"0.00\","
                            + "\"TransfersOutCount\":0,\"Bets\":2,\"BetAmount\":\"20.00\",\"Turnover\":\"20.00\",\"Payout\":\"15.00\","
                            + "\"GGR\":\"5.00\",\"ActiveMembers\":1}]}"),
            ApiRoute.of(HttpMethod.POST, "/admin/v1/operators", Guard.ADMIN, "Creates an operator; its Secret is shown once")
                    .withBody(NAME, IP_ALLOWLIST, LAUNCH_DOMAIN, CURRENCY, ERROR_FORMAT, GAMES, RATE_LIMIT, KAFKA_NATIVE, TIME_ZONE)
                    .withAnswer(CREDENTIALS)
                    .withExample(CREDENTIALS_EXAMPLE),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/operators/{OperatorId}", Guard.ADMIN, "An operator, without its secret")
                    .withParams(OPERATOR_ID)
                    .withAnswer(OPERATOR)
                    .withErrors(Errors.OPERATOR_NOT_FOUND)
                    .withExample(OPERATOR_EXAMPLE),
            ApiRoute.of(HttpMethod.PATCH, "/admin/v1/operators/{OperatorId}", Guard.ADMIN, "Changes an operator's settings")
                    .withParams(OPERATOR_ID)
                    .withBody(STATUS, IP_ALLOWLIST.required(false), LAUNCH_DOMAIN, ERROR_FORMAT, GAMES, RATE_LIMIT, TIME_ZONE)
                    .withAnswer(OPERATOR)
                    .withErrors(Errors.OPERATOR_NOT_FOUND)
                    .withExample(OPERATOR_EXAMPLE),
            ApiRoute.of(HttpMethod.POST, "/admin/v1/operators/{OperatorId}/keys", Guard.ADMIN,
                            "Rotates the key pair; the old pair keeps working for gateway.admin.key-overlap")
                    .withParams(OPERATOR_ID)
                    .withAnswer(CREDENTIALS)
                    .withErrors(Errors.OPERATOR_NOT_FOUND)
                    .withExample(CREDENTIALS_EXAMPLE),
            ApiRoute.of(HttpMethod.PUT, "/admin/v1/operators/{OperatorId}/credit", Guard.ADMIN, "Sets a credit line")
                    .withParams(OPERATOR_ID)
                    .withBody(GAME, CREDIT)
                    .withAnswer(answer("OperatorId", "string", "operator"), answer("Game", "string", "provider code"),
                            answer("Credit", "string", "the line"), answer("Used", "string", "reserved by transfers in"),
                            answer("Available", "string", "Credit - Used"))
                    .withErrors(Errors.OPERATOR_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"OperatorId\":\"op4k2xq9\",\"Game\":\"KY\","
                            + "\"Credit\":\"50000.00\",\"Used\":\"100.50\",\"Available\":\"49899.50\"}"),
            ApiRoute.of(HttpMethod.PUT, "/admin/v1/games/{Game}/maintenance", Guard.ADMIN,
                            "Starts or ends a game's maintenance window")
                    .withParams(path("Game", "KY", "provider code"))
                    .withBody(ENABLED, UNTIL)
                    .withAnswer(answer("Games", "array", "the game with its status"))
                    .withErrors(Errors.UNKNOWN_GAME)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Games\":[{\"Code\":\"KY\",\"Name\":\"开元棋牌\","
                            + "\"Type\":\"CARDS\",\"Status\":\"Maintenance\",\"MaintenanceUntil\":\"2026-11-23T10:00:00Z\"}]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/ledger/check", Guard.ADMIN,
                            "The ledger's invariants; optionally member wallets against their providers")
                    .withParams(query("CompareProviders", "true", "true: compare wallets with the providers"),
                            query("OperatorId", "op4k2xq9", "only this operator's wallets"))
                    .withAnswer(answer("Ok", "boolean", "no violation"), answer("Violations", "array", "one line each"))
                    .withErrors(Errors.NOT_SUPPORTED)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Ok\":true,\"Violations\":[]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/orders/unresolved", Guard.ADMIN,
                            "Transfers still without a final state after gateway.wallet.unresolved-alert")
                    .withAnswer(answer("Orders", "array", "OperatorId, OrderID, UserName, Game, Money, Action, Status, CreatedAt"))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Orders\":[{\"OperatorId\":\"op4k2xq9\","
                            + "\"OrderID\":\"order-0009\",\"UserName\":\"alice01\",\"Game\":\"KY\",\"Money\":\"25.00\","
                            + "\"Action\":\"IN\",\"Status\":\"PROCESSING\",\"CreatedAt\":\"2026-12-02T11:02:03.412Z\"}]}"),
            ApiRoute.of(HttpMethod.GET, "/admin/v1/reconciliation", Guard.ADMIN,
                            "Per member and game: provider balance against ledger plus collected bets (docs/bets.md)")
                    .withParams(query("OperatorId", "op4k2xq9", "only this operator"), query("Game", "KY", "only this game"))
                    .withAnswer(answer("Ok", "boolean", "every Difference is zero"),
                            answer("CollectedTo", "object", "per game, up to when its records are collected"),
                            answer("Lines", "array", "OperatorId, UserName, Game, Ledger, SettledWinLoss, OpenStakes, Bets, "
                                    + "Expected, ProviderBalance, Difference"))
                    .withErrors(Errors.UNKNOWN_GAME, Errors.NOT_SUPPORTED)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"Ok\":true,\"CollectedTo\":{\"KY\":"
                            + "\"2026-12-02T11:05:00Z\"},\"Lines\":[{\"OperatorId\":\"op4k2xq9\",\"UserName\":\"alice01\","
                            + "\"Game\":\"KY\",\"Ledger\":\"60.50\",\"SettledWinLoss\":\"5.25\",\"OpenStakes\":\"0.00\",\"Bets\":1,"
                            + "\"Expected\":\"65.75\",\"ProviderBalance\":\"65.75\",\"Difference\":\"0.00\"}]}"));

    @Override
    public List<ApiRoute> routes() {
        return ROUTES;
    }
}
