package com.beiying.gateway.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Orders, ledger lines and credit lines. */
@RegisterConstructorMapper(WalletDao.Order.class)
@RegisterConstructorMapper(WalletDao.CreditLine.class)
public interface WalletDao {

    /** A transfer order with its member's name. */
    record Order(String operatorId, String orderId, long memberId, String userName, String game, BigDecimal amount,
                 String action, String status, String failure, BigDecimal balanceAfter, String requestId,
                 Instant createdAt, Instant finishedAt) {
        /** Whether the order has its final state. */
        public boolean isFinal() {
            return status.equals("SUCCESS") || status.equals("FAILED");
        }

        /**
         * The provider-side idempotency key: OrderIDs are unique per operator only, and a provider
         * serves every operator, so the key names both.
         */
        public String providerOrderId() {
            return operatorId + "-" + orderId;
        }

        /**
         * This order as the transaction that settles it leaves it, so that its answer needs no
         * second read; the finishing time stays the database's and is not read back.
         */
        public Order settledAs(String newStatus, String newFailure, BigDecimal newBalanceAfter) {
            return new Order(operatorId, orderId, memberId, userName, game, amount, action, newStatus, newFailure,
                    newBalanceAfter, requestId, createdAt, null);
        }
    }

    /** An operator's credit line for one game. */
    record CreditLine(String operatorId, String game, BigDecimal creditLimit, BigDecimal creditUsed) {
        /** What may still be transferred in. */
        public BigDecimal available() {
            return creditLimit.subtract(creditUsed);
        }
    }

    String ORDER_COLUMNS = """
            o.operator_id, o.order_id, o.member_id, m.user_name, o.game, o.amount, o.action, o.status, o.failure,
            o.balance_after, o.request_id, o.created_at, o.finished_at
            """;

    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders o JOIN members m USING (member_id)"
            + " WHERE o.operator_id = :operatorId AND o.order_id = :orderId")
    Optional<Order> order(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId);

    /** Inserts a PENDING order; its creation time, or empty when the OrderID was taken. */
    @SqlQuery("""
            INSERT INTO orders (operator_id, order_id, member_id, game, amount, action, status, request_id)
            VALUES (:operatorId, :orderId, :memberId, :game, :amount, :action, 'PENDING', :requestId)
            ON CONFLICT DO NOTHING
            RETURNING created_at
            """)
    Optional<Instant> insertOrder(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId, @Bind("memberId") long memberId,
                        @Bind("game") String game, @Bind("amount") BigDecimal amount, @Bind("action") String action,
                        @Bind("requestId") String requestId);

    /** Reserves credit for a transfer in; false when the line does not have it. */
    @SqlUpdate("""
            UPDATE operator_games SET credit_used = credit_used + :amount
            WHERE operator_id = :operatorId AND game = :game AND credit_limit - credit_used >= :amount
            """)
    boolean reserveCredit(@Bind("operatorId") String operatorId, @Bind("game") String game, @Bind("amount") BigDecimal amount);

    /** Gives credit back (a failed transfer in, or a successful transfer out). */
    @SqlUpdate("UPDATE operator_games SET credit_used = credit_used - :amount WHERE operator_id = :operatorId AND game = :game")
    void releaseCredit(@Bind("operatorId") String operatorId, @Bind("game") String game, @Bind("amount") BigDecimal amount);

    @SqlUpdate("UPDATE orders SET status = 'PROCESSING' WHERE operator_id = :operatorId AND order_id = :orderId AND status = 'PENDING'")
    void markProcessing(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId);

    /** Moves an unresolved order to its final state; false when it already had one (someone else settled it). */
    @SqlUpdate("""
            UPDATE orders SET status = :status, failure = :failure, balance_after = :balanceAfter, finished_at = now()
            WHERE operator_id = :operatorId AND order_id = :orderId AND status IN ('PENDING', 'PROCESSING')
            """)
    boolean finish(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId, @Bind("status") String status,
                   @Bind("failure") String failure, @Bind("balanceAfter") BigDecimal balanceAfter);

    @SqlUpdate("INSERT INTO ledger_entries (operator_id, order_id, account, amount) VALUES (:operatorId, :orderId, :account, :amount)")
    void ledgerLine(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId, @Bind("account") String account,
                    @Bind("amount") BigDecimal amount);

    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders o JOIN members m USING (member_id)"
            + " WHERE o.status IN ('PENDING', 'PROCESSING') AND o.created_at < :before ORDER BY o.created_at LIMIT :limit")
    List<Order> unresolved(@Bind("before") Instant before, @Bind("limit") int limit);

    /** Unresolved orders old enough for the resolver and due by their backoff. */
    @SqlQuery("SELECT " + ORDER_COLUMNS + " FROM orders o JOIN members m USING (member_id)"
            + " WHERE o.status IN ('PENDING', 'PROCESSING') AND o.created_at < :before"
            + " AND (o.next_resolve_at IS NULL OR o.next_resolve_at <= :now) ORDER BY o.created_at LIMIT :limit")
    List<Order> dueForResolution(@Bind("before") Instant before, @Bind("now") Instant now, @Bind("limit") int limit);

    /** Records an attempt that did not settle the order: the next waits twice as long, at most five minutes. */
    @SqlUpdate("""
            UPDATE orders SET resolve_attempts = resolve_attempts + 1,
                next_resolve_at = now() + least(interval '5 minutes', interval '1 second' * power(2, resolve_attempts + 1))
            WHERE operator_id = :operatorId AND order_id = :orderId AND status IN ('PENDING', 'PROCESSING')
            """)
    void backOff(@Bind("operatorId") String operatorId, @Bind("orderId") String orderId);

    @SqlQuery("SELECT operator_id, game, credit_limit, credit_used FROM operator_games WHERE operator_id = :operatorId AND game = :game")
    Optional<CreditLine> creditLine(@Bind("operatorId") String operatorId, @Bind("game") String game);

    @SqlUpdate("""
            INSERT INTO operator_games (operator_id, game, enabled, credit_limit) VALUES (:operatorId, :game, false, :limit)
            ON CONFLICT (operator_id, game) DO UPDATE SET credit_limit = excluded.credit_limit
            """)
    void setCreditLimit(@Bind("operatorId") String operatorId, @Bind("game") String game, @Bind("limit") BigDecimal limit);

    /** Orders whose ledger lines do not sum to zero, or a final success without lines. */
    @SqlQuery("""
            SELECT 'order ' || o.operator_id || '/' || o.order_id || ': ' ||
                   CASE WHEN o.status = 'SUCCESS' AND count(l.entry_id) <> 2 THEN 'success with ' || count(l.entry_id) || ' ledger lines'
                        WHEN o.status <> 'SUCCESS' AND count(l.entry_id) <> 0 THEN lower(o.status) || ' with ledger lines'
                        ELSE 'ledger lines sum to ' || coalesce(sum(l.amount), 0) END
            FROM orders o LEFT JOIN ledger_entries l USING (operator_id, order_id)
            GROUP BY o.operator_id, o.order_id, o.status
            HAVING coalesce(sum(l.amount), 0) <> 0
                OR (o.status = 'SUCCESS' AND count(l.entry_id) <> 2)
                OR (o.status <> 'SUCCESS' AND count(l.entry_id) <> 0)
            """)
    List<String> unbalancedOrders();

    /**
     * Credit lines whose use differs from what the orders say: successful transfers in minus
     * out, plus transfers in still unresolved (their credit stays reserved until they end).
     */
    @SqlQuery("""
            SELECT 'credit ' || g.operator_id || '/' || g.game || ': used ' || g.credit_used || ' but orders say ' || coalesce(x.expected, 0)
            FROM operator_games g
            LEFT JOIN (
                SELECT operator_id, game, sum(CASE
                    WHEN action = 'IN' AND status IN ('SUCCESS', 'PENDING', 'PROCESSING') THEN amount
                    WHEN action = 'OUT' AND status = 'SUCCESS' THEN -amount
                    ELSE 0 END) AS expected
                FROM orders GROUP BY operator_id, game
            ) x USING (operator_id, game)
            WHERE g.credit_used <> coalesce(x.expected, 0)
            """)
    List<String> creditMismatches();

    /** Each member wallet's ledger balance, for comparing with the provider. */
    @SqlQuery("""
            SELECT p.game || '|' || p.account_name || '|' || coalesce(sum(l.amount), 0)
            FROM provider_accounts p
            JOIN members m USING (member_id)
            LEFT JOIN ledger_entries l ON l.account = 'member:' || p.member_id || ':' || p.game
            WHERE :operatorId IS NULL OR m.operator_id = :operatorId
            GROUP BY p.game, p.account_name, p.member_id
            """)
    List<String> memberLedgerBalances(@Bind("operatorId") String operatorId);
}
