package com.beiying.gateway.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The simulated providers' own state. */
@RegisterConstructorMapper(SimulatorDao.Order.class)
@RegisterConstructorMapper(SimulatorDao.Bet.class)
interface SimulatorDao {

    /** A provider-side order. */
    record Order(String account, BigDecimal amount, String direction, String status) {
    }

    /** A settled bet. */
    record Bet(long betId, String account, BigDecimal stake, BigDecimal payout, java.time.Instant settledAt) {
    }

    @SqlUpdate("INSERT INTO sim_accounts (game, account, currency) VALUES (:game, :account, :currency) ON CONFLICT DO NOTHING")
    boolean openAccount(@Bind("game") String game, @Bind("account") String account, @Bind("currency") String currency);

    @SqlQuery("SELECT balance FROM sim_accounts WHERE game = :game AND account = :account")
    Optional<BigDecimal> balance(@Bind("game") String game, @Bind("account") String account);

    /** The balance, locking the account until the transaction ends (transfers of one account serialise). */
    @SqlQuery("SELECT balance FROM sim_accounts WHERE game = :game AND account = :account FOR UPDATE")
    Optional<BigDecimal> lockBalance(@Bind("game") String game, @Bind("account") String account);

    @SqlUpdate("UPDATE sim_accounts SET balance = balance + :delta WHERE game = :game AND account = :account")
    void addToBalance(@Bind("game") String game, @Bind("account") String account, @Bind("delta") BigDecimal delta);

    @SqlQuery("SELECT account, amount, direction, status FROM sim_orders WHERE game = :game AND order_id = :orderId")
    Optional<Order> order(@Bind("game") String game, @Bind("orderId") String orderId);

    @SqlUpdate("""
            INSERT INTO sim_orders (game, order_id, account, amount, direction, status)
            VALUES (:game, :orderId, :account, :amount, :direction, :status)
            """)
    void recordOrder(@Bind("game") String game, @Bind("orderId") String orderId, @Bind("account") String account,
                     @Bind("amount") BigDecimal amount, @Bind("direction") String direction, @Bind("status") String status);

    @SqlUpdate("INSERT INTO sim_bets (game, account, stake, payout) VALUES (:game, :account, :stake, :payout)")
    void recordBet(@Bind("game") String game, @Bind("account") String account, @Bind("stake") BigDecimal stake,
                   @Bind("payout") BigDecimal payout);

    @SqlQuery("""
            SELECT bet_id, account, stake, payout, settled_at FROM sim_bets
            WHERE game = :game AND bet_id > :after ORDER BY bet_id LIMIT :limit
            """)
    List<Bet> betsAfter(@Bind("game") String game, @Bind("after") long after, @Bind("limit") int limit);
}
