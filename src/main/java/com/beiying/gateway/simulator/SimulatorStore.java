package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.springframework.stereotype.Component;

/**
 * The simulated providers' own state ({@code sim_} tables): every statement on them is here, SQL in
 * {@code SimulatorStore/*.sql}. Kept apart from the gateway's stores, as a real provider's
 * database would be.
 */
@Component
@ConditionalOnRole(Role.SIMULATOR)
final class SimulatorStore {
    private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.removingComments();
    private static final String OPEN_ACCOUNT = SQL.locate(SimulatorStore.class, "openAccount");
    private static final String ACCOUNT = SQL.locate(SimulatorStore.class, "account");
    private static final String LOCK_BALANCE = SQL.locate(SimulatorStore.class, "lockBalance");
    private static final String ADD_TO_BALANCE = SQL.locate(SimulatorStore.class, "addToBalance");
    private static final String ORDER = SQL.locate(SimulatorStore.class, "order");
    private static final String LOCK_ORDER = SQL.locate(SimulatorStore.class, "lockOrder");
    private static final String RECORD_ORDER = SQL.locate(SimulatorStore.class, "recordOrder");
    private static final String SET_ORDER_STATUS = SQL.locate(SimulatorStore.class, "setOrderStatus");
    private static final String LAUNCH = SQL.locate(SimulatorStore.class, "launch");
    private static final String NEXT_BET_ID = SQL.locate(SimulatorStore.class, "nextBetId");
    private static final String INSERT_BET = SQL.locate(SimulatorStore.class, "insertBet");
    private static final String LOCK_BET = SQL.locate(SimulatorStore.class, "lockBet");
    private static final String UPDATE_BET = SQL.locate(SimulatorStore.class, "updateBet");
    private static final String BETS_UPDATED = SQL.locate(SimulatorStore.class, "betsUpdated");
    private static final String BETS_PLACED = SQL.locate(SimulatorStore.class, "betsPlaced");
    private static final String ACCOUNTS_WITH_MONEY = SQL.locate(SimulatorStore.class, "accountsWithMoney");
    private static final String OPEN_BETS = SQL.locate(SimulatorStore.class, "openBets");
    private static final String SETTLED_BETS = SQL.locate(SimulatorStore.class, "settledBets");
    private static final String LOCK_BALANCES = SQL.locate(SimulatorStore.class, "lockBalances");
    private static final String PLACE_SETTLED_BETS = SQL.locate(SimulatorStore.class, "placeSettledBets");

    /** A provider-side account. */
    record Account(String game, String account, String currency, BigDecimal balance) {
    }

    /** A provider-side order. */
    record Order(String account, BigDecimal amount, String direction, String status) {
    }

    private final Jdbi jdbi;

    SimulatorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs work in one transaction. */
    <T> T inTransaction(Function<Handle, T> work) {
        return jdbi.inTransaction(work::apply);
    }

    /** Opens an account; false when it existed. */
    boolean openAccount(String game, String account, String currency) {
        return jdbi.withHandle(h -> h.createUpdate(OPEN_ACCOUNT).bind("game", game).bind("account", account)
                .bind("currency", currency).execute() > 0);
    }

    Optional<Account> account(String game, String account) {
        return jdbi.withHandle(h -> h.createQuery(ACCOUNT).bind("game", game).bind("account", account)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    /** The balance, locking the account until the transaction ends. */
    static Optional<BigDecimal> lockBalance(Handle h, String game, String account) {
        return h.createQuery(LOCK_BALANCE).bind("game", game).bind("account", account).mapTo(BigDecimal.class).findOne();
    }

    static void addToBalance(Handle h, String game, String account, BigDecimal delta) {
        h.createUpdate(ADD_TO_BALANCE).bind("game", game).bind("account", account).bind("delta", delta).execute();
    }

    Optional<Order> order(String game, String orderId) {
        return jdbi.withHandle(h -> h.createQuery(ORDER).bind("game", game).bind("orderId", orderId)
                .map((rs, ctx) -> order(rs)).findOne());
    }

    static Optional<Order> lockOrder(Handle h, String game, String orderId) {
        return h.createQuery(LOCK_ORDER).bind("game", game).bind("orderId", orderId).map((rs, ctx) -> order(rs)).findOne();
    }

    static void recordOrder(Handle h, String game, String orderId, String account, BigDecimal amount, String direction,
                            String status) {
        h.createUpdate(RECORD_ORDER).bind("game", game).bind("orderId", orderId).bind("account", account).bind("amount", amount)
                .bind("direction", direction).bind("status", status).execute();
    }

    static void setOrderStatus(Handle h, String game, String orderId, String status) {
        h.createUpdate(SET_ORDER_STATUS).bind("game", game).bind("orderId", orderId).bind("status", status).execute();
    }

    /** Records a launch only if the account exists, in one statement; false when it does not. */
    boolean launch(String token, String game, String account, String platform, String language, String gameId) {
        return jdbi.withHandle(h -> h.createUpdate(LAUNCH).bind("token", token).bind("game", game).bind("account", account)
                .bind("platform", platform).bind("language", language).bind("gameId", gameId).execute() > 0);
    }

    static String nextBetId(Handle h) {
        return Long.toString(h.createQuery(NEXT_BET_ID).mapTo(Long.class).one());
    }

    static void insertBet(Handle h, SimulatedBet bet) {
        h.createUpdate(INSERT_BET).bind("game", bet.game()).bind("betId", bet.betId()).bind("account", bet.account())
                .bind("gameId", bet.gameId()).bind("roundId", bet.roundId()).bind("currency", bet.currency())
                .bind("stake", bet.stake()).bind("validBet", bet.validBet()).bind("at", bet.betTime()).execute();
    }

    static Optional<SimulatedBet> lockBet(Handle h, String game, String betId) {
        return h.createQuery(LOCK_BET).bind("game", game).bind("betId", betId).map((rs, ctx) -> bet(rs)).findOne();
    }

    static void updateBet(Handle h, SimulatedBet bet) {
        h.createUpdate(UPDATE_BET).bind("game", bet.game()).bind("betId", bet.betId()).bind("payout", bet.payout())
                .bind("status", bet.status().name()).bind("settledAt", bet.settledAt()).bind("at", bet.updatedAt()).execute();
    }

    /** The balances of those of the given accounts that exist, locked until the transaction ends. */
    static Map<String, BigDecimal> lockBalances(Handle h, String game, Collection<String> accounts) {
        Map<String, BigDecimal> balances = new HashMap<>();
        h.createQuery(LOCK_BALANCES).bind("game", game).bindArray("accounts", String.class, accounts)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                .forEach(e -> balances.put(e.getKey(), e.getValue()));
        return balances;
    }

    /**
     * Places {@code count} settled bets over the accounts (bet i to account i mod n) and the times
     * {@code [from, to)} and moves the balances by their win/loss, in one statement; how many were
     * placed. The caller holds the accounts' locks and has checked they can afford it.
     */
    static long placeSettledBets(Handle h, String game, List<String> accounts, int count, Instant from, Instant to,
                                 String gameId, BigDecimal stake, BigDecimal payout) {
        return h.createQuery(PLACE_SETTLED_BETS).bind("game", game).bindArray("accounts", String.class, accounts)
                .bind("accountCount", accounts.size()).bind("count", count).bind("from", from).bind("to", to)
                .bind("gameId", gameId).bind("stake", stake).bind("payout", payout).mapTo(Long.class).one();
    }

    /** A provider's bets changed, or placed, in {@code [from, to)}. */
    List<SimulatedBet> bets(String game, Instant from, Instant to, boolean byModification) {
        return jdbi.withHandle(h -> h.createQuery(byModification ? BETS_UPDATED : BETS_PLACED).bind("game", game)
                .bind("from", from).bind("to", to).map((rs, ctx) -> bet(rs)).list());
    }

    /** Accounts with at least {@code least}; among {@code keys} ({@code <game>:<account>}) unless it is null. */
    List<Account> accountsWithMoney(BigDecimal least, int limit, Set<String> keys) {
        return jdbi.withHandle(h -> h.createQuery(ACCOUNTS_WITH_MONEY).bind("least", least).bind("limit", limit)
                .bind("all", keys == null).bindArray("keys", String.class, keys == null ? List.of() : keys)
                .map((rs, ctx) -> account(rs)).list());
    }

    List<SimulatedBet> openBets(Instant before, int limit, Set<String> keys) {
        return jdbi.withHandle(h -> h.createQuery(OPEN_BETS).bind("before", before).bind("limit", limit)
                .bind("all", keys == null).bindArray("keys", String.class, keys == null ? List.of() : keys)
                .map((rs, ctx) -> bet(rs)).list());
    }

    List<SimulatedBet> settledBets(Instant since, int limit, Set<String> keys) {
        return jdbi.withHandle(h -> h.createQuery(SETTLED_BETS).bind("since", since).bind("limit", limit)
                .bind("all", keys == null).bindArray("keys", String.class, keys == null ? List.of() : keys)
                .map((rs, ctx) -> bet(rs)).list());
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4));
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4));
    }

    private static SimulatedBet bet(ResultSet rs) throws SQLException {
        return new SimulatedBet(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                SimulatedBet.Status.valueOf(rs.getString(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
