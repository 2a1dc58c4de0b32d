package com.beiying.gateway.provider;

import com.beiying.gateway.domain.Game;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * How one provider's API talks (documented in {@code docs/providers.md}): amount units, account
 * name rules, the words for a transfer's state, and its result codes. Like real providers, the
 * eight differ in every one of these; the simulator serves each dialect and each adapter speaks it.
 */
record ProviderDialect(
        Game game,
        boolean amountsInCents,
        String accountPrefix,
        int maxAccountLength,
        boolean upperCaseAccounts,
        String successWord,
        String failedWord,
        String pendingWord,
        Map<Result, String> codes) {

    /** What a provider can answer, each with the provider's own code. */
    public enum Result {
        OK, ACCOUNT_EXISTS, NO_ACCOUNT, INSUFFICIENT_BALANCE, DUPLICATE_ORDER, NO_ORDER, MAINTENANCE, SYSTEM_ERROR, BAD_REQUEST,
        NO_GAME
    }

    /** The provider's code for a result. */
    public String code(Result result) {
        return codes.get(result);
    }

    /** The result a provider code stands for; unknown codes are system errors. */
    public Result result(String code) {
        return codes.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst()
                .orElse(Result.SYSTEM_ERROR);
    }

    /** The member's account name at this provider, following its rules. */
    public String accountName(long memberId) {
        String name = accountPrefix + Long.toString(memberId, 36) + "x" + Long.toString(memberId % 97, 36);
        name = upperCaseAccounts ? name.toUpperCase(Locale.ROOT) : name;
        if (name.length() > maxAccountLength) {
            throw new IllegalStateException("account name too long for " + game.code() + ": " + name);
        }
        return name;
    }

    /** An amount as this provider writes it: minor units or a two-decimal string. */
    public String formatAmount(BigDecimal amount) {
        BigDecimal scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
        return amountsInCents ? scaled.movePointRight(2).toBigIntegerExact().toString() : scaled.toPlainString();
    }

    /** An amount this provider wrote, back to yuan with two decimals. */
    public BigDecimal parseAmount(String text) {
        BigDecimal value = new BigDecimal(text);
        return (amountsInCents ? value.movePointLeft(2) : value).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The dialect of every provider. */
    public static final Map<Game, ProviderDialect> ALL = Map.of(
            Game.AGLIVE, new ProviderDialect(Game.AGLIVE, false, "ag_", 20, false, "SUCCESS", "FAILED", "PENDING",
                    codes("0", "1001", "1002", "2001", "2002", "2003", "9001", "9999", "1000", "3001")),
            Game.AVIA, new ProviderDialect(Game.AVIA, true, "av", 16, false, "1", "2", "0",
                    codes("0", "E101", "E102", "E201", "E202", "E203", "E900", "E999", "E100", "E301")),
            Game.PINNACLE, new ProviderDialect(Game.PINNACLE, false, "PN", 16, true, "Completed", "Rejected", "Processing",
                    codes("OK", "ACCOUNT_EXISTS", "ACCOUNT_NOT_FOUND", "INSUFFICIENT_FUNDS", "DUPLICATE_TX", "TX_NOT_FOUND",
                            "UNDER_MAINTENANCE", "INTERNAL_ERROR", "INVALID_REQUEST", "GAME_NOT_FOUND")),
            Game.IMSPORT, new ProviderDialect(Game.IMSPORT, true, "ims_", 24, false, "Approved", "Declined", "Pending",
                    codes("100", "501", "504", "510", "511", "512", "600", "999", "500", "520")),
            Game.IMONE, new ProviderDialect(Game.IMONE, false, "imo", 18, false, "ok", "fail", "wait",
                    codes("200", "409", "404", "402", "419", "414", "503", "500", "400", "410")),
            Game.BBIN, new ProviderDialect(Game.BBIN, true, "BB", 20, true, "T", "F", "W",
                    codes("21100", "21001", "22002", "44444", "40014", "40015", "44000", "44001", "40002", "40020")),
            Game.XJ188, new ProviderDialect(Game.XJ188, false, "xj", 16, false, "DONE", "CANCELLED", "PROCESSING",
                    codes("SUCCESS", "USER_EXIST", "USER_NOT_EXIST", "BALANCE_NOT_ENOUGH", "ORDER_EXIST", "ORDER_NOT_EXIST",
                            "SYSTEM_MAINTAIN", "SYSTEM_ERROR", "PARAM_ERROR", "GAME_NOT_EXIST")),
            Game.KY, new ProviderDialect(Game.KY, true, "ky", 20, false, "0", "-1", "1",
                    codes("0", "3", "4", "31", "33", "34", "40", "-1", "2", "50")));

    private static Map<Result, String> codes(String ok, String exists, String noAccount, String insufficient, String duplicate,
                                             String noOrder, String maintenance, String system, String bad, String noGame) {
        return Map.of(Result.OK, ok, Result.ACCOUNT_EXISTS, exists, Result.NO_ACCOUNT, noAccount,
                Result.INSUFFICIENT_BALANCE, insufficient, Result.DUPLICATE_ORDER, duplicate, Result.NO_ORDER, noOrder,
                Result.MAINTENANCE, maintenance, Result.SYSTEM_ERROR, system, Result.BAD_REQUEST, bad, Result.NO_GAME, noGame);
    }

    /**
     * Whether the provider offers a game id: its lobby, tables {@code table-1} to {@code table-99}
     * and slots {@code slot-<name>}.
     */
    public static boolean offersGame(String gameId) {
        return gameId.equals("lobby") || gameId.matches("table-[1-9][0-9]?") || gameId.matches("slot-[a-z0-9]{1,16}");
    }
}
