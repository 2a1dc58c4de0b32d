package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import java.math.BigDecimal;
import java.util.Optional;
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
    private static final String BALANCE = SQL.locate(SimulatorStore.class, "balance");
    private static final String LOCK_BALANCE = SQL.locate(SimulatorStore.class, "lockBalance");
    private static final String ADD_TO_BALANCE = SQL.locate(SimulatorStore.class, "addToBalance");
    private static final String ORDER = SQL.locate(SimulatorStore.class, "order");
    private static final String RECORD_ORDER = SQL.locate(SimulatorStore.class, "recordOrder");
    private static final String RECORD_BET = SQL.locate(SimulatorStore.class, "recordBet");
    private static final String LAUNCH = SQL.locate(SimulatorStore.class, "launch");

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

    Optional<BigDecimal> balance(String game, String account) {
        return jdbi.withHandle(h -> balance(h, game, account));
    }

    static Optional<BigDecimal> balance(Handle h, String game, String account) {
        return h.createQuery(BALANCE).bind("game", game).bind("account", account).mapTo(BigDecimal.class).findOne();
    }

    /** The balance, locking the account until the transaction ends. */
    static Optional<BigDecimal> lockBalance(Handle h, String game, String account) {
        return h.createQuery(LOCK_BALANCE).bind("game", game).bind("account", account).mapTo(BigDecimal.class).findOne();
    }

    static void addToBalance(Handle h, String game, String account, BigDecimal delta) {
        h.createUpdate(ADD_TO_BALANCE).bind("game", game).bind("account", account).bind("delta", delta).execute();
    }

    Optional<Order> order(String game, String orderId) {
        return jdbi.withHandle(h -> order(h, game, orderId));
    }

    static Optional<Order> order(Handle h, String game, String orderId) {
        return h.createQuery(ORDER).bind("game", game).bind("orderId", orderId)
                .map((rs, ctx) -> new Order(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4))).findOne();
    }

    static void recordOrder(Handle h, String game, String orderId, String account, BigDecimal amount, String direction,
                            String status) {
        h.createUpdate(RECORD_ORDER).bind("game", game).bind("orderId", orderId).bind("account", account).bind("amount", amount)
                .bind("direction", direction).bind("status", status).execute();
    }

    static void recordBet(Handle h, String game, String account, BigDecimal stake, BigDecimal payout) {
        h.createUpdate(RECORD_BET).bind("game", game).bind("account", account).bind("stake", stake).bind("payout", payout).execute();
    }

    /** Records a launch only if the account exists, in one statement; false when it does not. */
    boolean launch(String token, String game, String account, String platform, String language, String gameId) {
        return jdbi.withHandle(h -> h.createUpdate(LAUNCH).bind("token", token).bind("game", game).bind("account", account)
                .bind("platform", platform).bind("language", language).bind("gameId", gameId).execute() > 0);
    }
}
