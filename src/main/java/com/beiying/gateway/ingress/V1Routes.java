package com.beiying.gateway.ingress;

import static com.beiying.gateway.ingress.ApiRoute.answer;
import static com.beiying.gateway.ingress.ApiRoute.path;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.ingress.ApiField.Type;
import com.beiying.gateway.ingress.ApiRoute.Answer;
import com.beiying.gateway.ingress.ApiRoute.Guard;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The operator API's routes for the OpenAPI document (docs/api.md is the prose). One entry per
 * route: a route served by {@link V1Controller} and missing here fails {@code OpenApiDriftTest}.
 * Examples are answers the gateway gave (README, docs/api.md, docs/bets.md).
 */
final class V1Routes implements ApiRoutes {
    static final ApiField USER_NAME = ApiField.required(RequestField.USER_NAME, Type.STRING, "\"alice01\"",
            "a letter, then 3-15 letters or digits; lower-cased", Errors.INVALID_USERNAME);
    static final ApiField PASSWORD = ApiField.required(RequestField.PASSWORD, Type.STRING, "\"abc12345\"",
            "6-32 printable ASCII characters without spaces, at least one letter and one digit",
            Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG).bounded("6", "32");
    static final ApiField NEW_PASSWORD = ApiField.required(RequestField.NEW_PASSWORD, Type.STRING, "\"xyz98765\"",
            "as Password, and not the current one", Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG).bounded("6", "32");
    static final ApiField GAME = ApiField.required(RequestField.GAME, Type.STRING, "\"KY\"",
            "one of AGLive, AVIA, Pinnacle, IMSport, IMOne, BBIN, XJ188, KY, exactly", Errors.UNKNOWN_GAME);
    static final ApiField PLATFORM = ApiField.optional(RequestField.PLATFORM, Type.STRING, "\"PC\"",
            "PC (default), H5 or APP", Errors.INVALID_PLATFORM);
    static final ApiField LANGUAGE = ApiField.optional(RequestField.LANGUAGE, Type.STRING, "\"zh-CN\"",
            "zh-CN (default) or en", Errors.INVALID_LANGUAGE);
    static final ApiField GAME_ID = ApiField.optional(RequestField.GAME_ID, Type.STRING, "\"620\"",
            "at most 64 characters of [A-Za-z0-9_-], a game the provider offers",
            Errors.FIELD_TOO_LONG, Errors.GAME_NOT_FOUND).bounded("1", "64");
    static final ApiField LOCK = ApiField.required(RequestField.LOCK, Type.BOOLEAN, "true", "true locks, false unlocks");
    static final ApiField MONEY = ApiField.required(RequestField.MONEY, Type.DECIMAL, "\"100.50\"",
            "a JSON number or a plain decimal string, above zero, at most two decimals, at most 1,000,000.00",
            Errors.INVALID_AMOUNT_TYPE, Errors.NEGATIVE_AMOUNT, Errors.ZERO_AMOUNT, Errors.TOO_MANY_DECIMALS,
            Errors.FIELD_ABOVE_MAXIMUM).bounded("0.01", "1000000.00");
    static final ApiField ORDER_ID = ApiField.required(RequestField.ORDER_ID, Type.STRING, "\"order-0001\"",
            "6-32 characters of [A-Za-z0-9_-], unique per operator", Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG)
            .bounded("6", "32");
    static final ApiField ACTION = ApiField.required(RequestField.ACTION, Type.STRING, "\"IN\"", "IN or OUT, exactly");
    static final ApiField START_TIME = ApiField.required(RequestField.START_TIME, Type.STRING, "\"2026-12-02T10:00:00+08:00\"",
            "start of the window (inclusive): ISO-8601 with or without offset, or a date; without one, the operator's TimeZone");
    static final ApiField END_TIME = ApiField.required(RequestField.END_TIME, Type.STRING, "\"2026-12-03\"",
            "end of the window (exclusive), as StartTime; at most 7 days after it");
    static final ApiField BY = ApiField.optional(RequestField.BY, Type.STRING, "\"UpdatedAt\"",
            "which time selects records: UpdatedAt (default), BetTime or SettledAt");
    static final ApiField PAGE = ApiField.optional(RequestField.PAGE, Type.INTEGER, "1", "page number, from 1")
            .bounded("1", "100000");
    static final ApiField PAGE_SIZE = ApiField.optional(RequestField.PAGE_SIZE, Type.INTEGER, "100",
            "records per page, 1-500 (default 100)").bounded("1", "500");
    static final ApiField CURSOR = ApiField.optional(RequestField.CURSOR, Type.STRING, "\"AQAAAAAAAAAI\"",
            "NextCursor of the previous page; absent: from the oldest revision kept",
            Errors.FIELD_TOO_LONG).bounded("1", "128");
    static final ApiField BET_ID = ApiField.required(RequestField.BET_ID, Type.STRING, "\"KY-100000007\"",
            "the gateway's id of a bet, <Game>-<ProviderBetId>", Errors.FIELD_TOO_SHORT, Errors.FIELD_TOO_LONG)
            .bounded("3", "128");

    /** What an operator's member operation can meet at its provider. */
    private static final Errors[] AT_THE_PROVIDER = {Errors.USER_NOT_FOUND, Errors.GAME_NOT_ENABLED,
            Errors.GAME_MAINTENANCE, Errors.PROVIDER_BUSY, Errors.PROVIDER_REFUSED, Errors.PROVIDER_CREDENTIALS_REJECTED};

    private static final Answer[] RECORD = {
            answer("BetId", "string", "<Game>-<ProviderBetId>"), answer("Game", "string", "provider code"),
            answer("ProviderBetId", "string", "the provider's id"), answer("UserName", "string", "member"),
            answer("GameId", "string", "the provider's game"), answer("RoundId", "string", "the provider's round"),
            answer("Currency", "string", "currency"), answer("BetAmount", "string", "stake, decimal"),
            answer("ValidBet", "string", "valid bet, decimal"), answer("Payout", "string", "payout, decimal"),
            answer("WinLoss", "string", "Payout - BetAmount"), answer("Status", "string", "Open, Settled, Void"),
            answer("BetTime", "string", "in the operator's TimeZone"), answer("SettledAt", "string", "or null"),
            answer("UpdatedAt", "string", "last change"), answer("Revision", "integer", "1, then +1 per change")};
    private static final String RECORD_EXAMPLE = "{\"BetId\":\"KY-100000007\",\"Game\":\"KY\",\"ProviderBetId\":\"100000007\","
            + "\"UserName\":\"alice01\",\"GameId\":\"620\",\"RoundId\":\"620-100000007\",\"Currency\":\"CNY\","
            + "\"BetAmount\":\"6.04\",\"ValidBet\":\"6.04\",\"Payout\":\"11.29\",\"WinLoss\":\"5.25\",\"Status\":\"Settled\","
            + "\"BetTime\":\"2026-12-02T19:03:11.000+08:00\",\"SettledAt\":\"2026-12-02T19:03:24.000+08:00\","
            + "\"UpdatedAt\":\"2026-12-02T19:03:24.000+08:00\",\"Revision\":1}";

    private static final List<ApiRoute> ROUTES = List.of(
            ApiRoute.of(HttpMethod.POST, "/v1/account/register", Guard.SIGNED_COMMAND, "Registers a member")
                    .withBody(USER_NAME, PASSWORD)
                    .withAnswer(answer("UserName", "string", "as stored (lower case)"),
                            answer("UserId", "integer", "the member's number"))
                    .withErrors(Errors.USER_EXISTS, Errors.GATEWAY_BUSY)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"4rL7xK64cY7OCQvJUX77CQ\","
                            + "\"UserName\":\"alice01\",\"UserId\":1}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/login", Guard.SIGNED_COMMAND,
                            "Opens a launch session at a provider (the member's account there on the first login)")
                    .withBody(USER_NAME, GAME, PLATFORM, LANGUAGE, GAME_ID)
                    .withAnswer(answer("SessionId", "string", "32 hex digits"),
                            answer("Url", "string", "https://<LaunchDomain>/play/<SessionId>, valid for 10 minutes"))
                    .withErrors(with(AT_THE_PROVIDER, Errors.USER_LOCKED, Errors.NO_LAUNCH_DOMAIN))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"gdK8QDC5myozB5MGEwbn1Q\","
                            + "\"SessionId\":\"e24c6f0d1b2a4c39a8f7e6d5c4b3a291\","
                            + "\"Url\":\"https://play.demo-operator.test/play/e24c6f0d1b2a4c39a8f7e6d5c4b3a291\"}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/password", Guard.SIGNED_COMMAND, "Changes a member's password")
                    .withBody(USER_NAME, PASSWORD, NEW_PASSWORD)
                    .withErrors(Errors.USER_NOT_FOUND, Errors.WRONG_PASSWORD, Errors.SAME_PASSWORD, Errors.GATEWAY_BUSY)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Yv0kq3xJQ0aHkqv2hEo9XQ\"}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/lock", Guard.SIGNED_COMMAND, "Locks or unlocks a member")
                    .withBody(USER_NAME, LOCK)
                    .withAnswer(answer("Locked", "boolean", "the member's state now"))
                    .withErrors(Errors.USER_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Q2w9d0vGQ1Gq7nJx3m1b5A\","
                            + "\"Locked\":true}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/balance", Guard.SIGNED_COMMAND, "A member's balance at a provider")
                    .withBody(USER_NAME, GAME)
                    .withAnswer(answer("Currency", "string", "the operator's currency"),
                            answer("Balance", "string", "decimal, two places"))
                    .withErrors(AT_THE_PROVIDER)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"p8Yc1mWmSxOQ2fQ0rJc9aw\","
                            + "\"Currency\":\"CNY\",\"Balance\":\"60.50\"}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/transfer", Guard.SIGNED_COMMAND,
                            "Moves money between the operator's credit line and the member's wallet at a provider")
                    .withBody(USER_NAME, GAME, ORDER_ID, MONEY, ACTION)
                    .withAnswer(answer("OrderID", "string", "as sent"),
                            answer("Status", "string", "Success, Processing or Failed"),
                            answer("Balance", "string", "the member's balance after the transfer, when known"))
                    .withErrors(with(AT_THE_PROVIDER, Errors.USER_LOCKED, Errors.INSUFFICIENT_CREDIT,
                            Errors.INSUFFICIENT_BALANCE, Errors.ORDER_CONFLICT, Errors.PROCESSING, Errors.ORDER_FAILED))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Xb3Ck0aFQhq4wW1r8Yt2vA\","
                            + "\"Status\":\"Success\",\"OrderID\":\"order-0001\",\"Balance\":\"100.50\"}"),
            ApiRoute.of(HttpMethod.POST, "/v1/account/order", Guard.SIGNED_COMMAND, "A transfer order's state")
                    .withBody(ORDER_ID)
                    .withAnswer(answer("OrderID", "string", "as sent"), answer("Status", "string", "Success, Processing or Failed"),
                            answer("UserName", "string", "member"), answer("Game", "string", "provider code"),
                            answer("Money", "string", "decimal"), answer("Action", "string", "IN or OUT"),
                            answer("CreatedAt", "string", "ISO-8601 UTC"), answer("FinishedAt", "string", "ISO-8601 UTC, or null"))
                    .withErrors(Errors.ORDER_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Rk2mQ0xW8Ua3PqL5yHc1dg\","
                            + "\"OrderID\":\"order-0001\",\"Status\":\"Success\",\"UserName\":\"alice01\",\"Game\":\"KY\","
                            + "\"Money\":\"100.50\",\"Action\":\"IN\",\"CreatedAt\":\"2026-12-02T11:02:03.412Z\","
                            + "\"FinishedAt\":\"2026-12-02T11:02:03.498Z\"}"),
            ApiRoute.of(HttpMethod.POST, "/v1/bet/records", Guard.SIGNED_COMMAND, "Bet records in a time window, page by page")
                    .withBody(START_TIME, END_TIME, GAME.required(false), BY, PAGE, PAGE_SIZE)
                    .withAnswer(answer("Records", "array", "bet records (docs/bets.md)"), answer("Total", "integer", "records in the window"),
                            answer("Page", "integer", "this page"), answer("PageSize", "integer", "records per page"))
                    .withErrors(Errors.DATE_RANGE_REVERSED, Errors.TIME_INTERVAL)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"c1nFv4Lr7kq2GmQ8rX0ZbQ\","
                            + "\"Records\":[" + RECORD_EXAMPLE + "],\"Total\":1,\"Page\":1,\"PageSize\":100}"),
            ApiRoute.of(HttpMethod.POST, "/v1/bet/feed", Guard.SIGNED_COMMAND,
                            "Every new revision of the operator's bets, in commit order, from a cursor")
                    .withBody(CURSOR, PAGE_SIZE)
                    .withAnswer(answer("Records", "array", "bet records (docs/bets.md)"),
                            answer("NextCursor", "string", "where the next page starts"),
                            answer("HasMore", "boolean", "whether more revisions are there now"))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Vd8sPq2Lm0Xr5Tn1Kc7YwA\","
                            + "\"Records\":[" + RECORD_EXAMPLE + "],\"NextCursor\":\"AQAAAAAAAAAI\",\"HasMore\":true}"),
            ApiRoute.of(HttpMethod.POST, "/v1/bet/record", Guard.SIGNED_COMMAND, "One bet record")
                    .withBody(BET_ID)
                    .withAnswer(RECORD)
                    .withErrors(Errors.BET_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"Ht5kW2pQ9mRz3Lx0Vb8NcA\","
                            + RECORD_EXAMPLE.substring(1)),
            ApiRoute.of(HttpMethod.GET, "/v1/games", Guard.SIGNED_READ, "The providers and their maintenance state")
                    .withAnswer(answer("Games", "array", "Code, Name, Type, Status (Normal or Maintenance), MaintenanceUntil"))
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"m3Qx8Lr2Vn5Kp0Wc7Tz1Hg\",\"Games\":["
                            + "{\"Code\":\"AGLive\",\"Name\":\"AG视讯\",\"Type\":\"LIVE_CASINO\",\"Status\":\"Normal\",\"MaintenanceUntil\":null},"
                            + "{\"Code\":\"KY\",\"Name\":\"开元棋牌\",\"Type\":\"CARDS\",\"Status\":\"Maintenance\","
                            + "\"MaintenanceUntil\":\"2026-11-23T10:00:00Z\"}]}"),
            ApiRoute.of(HttpMethod.GET, "/v1/requests/{RequestId}", Guard.SIGNED_READ,
                            "A request's state: Pending, or Done with its stored answer")
                    .withParams(path("RequestId", "my-request-0001", "the X-Request-Id (or the RequestId answered)"))
                    .withAnswer(answer("Status", "string", "Pending or Done"),
                            answer("Reply", "object", "the stored answer, when Done"))
                    .withErrors(Errors.REQUEST_NOT_FOUND)
                    .withExample("{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"my-request-0001\",\"Status\":\"Done\","
                            + "\"Reply\":{\"Code\":\"Success\",\"Message\":\"成功\",\"RequestId\":\"my-request-0001\","
                            + "\"UserName\":\"bob0001\",\"UserId\":2}}"));

    @Override
    public List<ApiRoute> routes() {
        return ROUTES;
    }

    private static Errors[] with(Errors[] base, Errors... more) {
        Errors[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
