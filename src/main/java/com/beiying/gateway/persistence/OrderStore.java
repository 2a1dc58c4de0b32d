package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Language;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Transfer orders and their double-entry ledger lines ({@code orders}, {@code ledger_entries}),
 * and the checks over them: every statement on these tables is here, its SQL in
 * {@code OrderStore/*.sql}, where the ledger's account names are spelled and nowhere else.
 */
public final class OrderStore {
    private static final String ORDER = Sql.of(OrderStore.class, "order");
    private static final String INSERT_ORDER = Sql.of(OrderStore.class, "insertOrder");
    private static final String MARK_PROCESSING = Sql.of(OrderStore.class, "markProcessing");
    private static final String FINISH = Sql.of(OrderStore.class, "finish");
    private static final String MEMBER_LINE = Sql.of(OrderStore.class, "memberLine");
    private static final String CREDIT_LINE = Sql.of(OrderStore.class, "creditLine");
    private static final String UNRESOLVED = Sql.of(OrderStore.class, "unresolved");
    private static final String RECENT_ORDERS = Sql.of(OrderStore.class, "recentOrders");
    private static final String DUE = Sql.of(OrderStore.class, "dueForResolution");
    private static final String UNRESOLVED_COUNT = Sql.of(OrderStore.class, "unresolvedCount");
    private static final String BACK_OFF = Sql.of(OrderStore.class, "backOff");
    private static final String UNBALANCED = Sql.of(OrderStore.class, "unbalancedOrders");
    private static final String CREDIT_MISMATCHES = Sql.of(OrderStore.class, "creditMismatches");
    private static final String MEMBER_BALANCES = Sql.of(OrderStore.class, "memberLedgerBalances");
    private static final String CLAIM_UNRESOLVED = Sql.of(OrderStore.class, "claimUnresolvedToReport");

    /** A transfer order with its member's name. */
    public record Order(String operatorId, String orderId, long memberId, String userName, Game game, BigDecimal amount,
                        Direction action, OrderStatus status, String failure, BigDecimal balanceAfter, String requestId,
                        Language language, Instant createdAt, Instant finishedAt, long transferNo) {

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
        public Order settledAs(OrderStatus newStatus, String newFailure, BigDecimal newBalanceAfter) {
            return new Order(operatorId, orderId, memberId, userName, game, amount, action, newStatus, newFailure,
                    newBalanceAfter, requestId, language, createdAt, null, transferNo);
        }
    }

    /** A member wallet's balance by the ledger. */
    public record MemberBalance(long memberId, String operatorId, String userName, Game game, String accountName,
                                BigDecimal ledger) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public OrderStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The operator's order with this OrderID. */
    public Optional<Order> order(String operatorId, String orderId) {
        return jdbi.withHandle(h -> order(h, operatorId, orderId));
    }

    /** {@link #order(String, String)} within the caller's transaction. */
    public static Optional<Order> order(Handle h, String operatorId, String orderId) {
        return h.createQuery(ORDER).bind("operatorId", operatorId).bind("orderId", orderId).map((rs, ctx) -> order(rs)).findOne();
    }

    /** What the database gives a new order: its creation time and transfer number. */
    public record Created(Instant createdAt, long transferNo) {
    }

    /** Inserts a PENDING order; its creation time and number, or empty when the OrderID was taken. */
    public static Optional<Created> insert(Handle h, String operatorId, String orderId, long memberId, Game game,
                                           BigDecimal amount, Direction action, String requestId, Language language) {
        return h.createQuery(INSERT_ORDER).bind("operatorId", operatorId).bind("orderId", orderId).bind("memberId", memberId)
                .bind("game", game.code()).bind("amount", amount).bind("action", action.name()).bind("requestId", requestId)
                .bind("language", language.tag())
                .map((rs, ctx) -> new Created(rs.getTimestamp(1).toInstant(), rs.getLong(2))).findOne();
    }

    /** Marks a pending order as sent with an unknown outcome. */
    public static void markProcessing(Handle h, String operatorId, String orderId) {
        h.createUpdate(MARK_PROCESSING).bind("operatorId", operatorId).bind("orderId", orderId).execute();
    }

    /** Moves an unresolved order to its final state; false when it already had one (someone else settled it). */
    public static boolean finish(Handle h, String operatorId, String orderId, OrderStatus status, String failure,
                                 BigDecimal balanceAfter) {
        return h.createUpdate(FINISH).bind("operatorId", operatorId).bind("orderId", orderId).bind("status", status.name())
                .bind("failure", failure).bind("balanceAfter", balanceAfter).execute() > 0;
    }

    /** A ledger line on the member's wallet at the order's provider. */
    public static void memberLine(Handle h, Order order, BigDecimal amount) {
        h.createUpdate(MEMBER_LINE).bind("operatorId", order.operatorId()).bind("orderId", order.orderId())
                .bind("memberId", order.memberId()).bind("game", order.game().code()).bind("amount", amount).execute();
    }

    /** A ledger line on the operator's credit line for the order's game. */
    public static void creditLine(Handle h, Order order, BigDecimal amount) {
        h.createUpdate(CREDIT_LINE).bind("operatorId", order.operatorId()).bind("orderId", order.orderId())
                .bind("game", order.game().code()).bind("amount", amount).execute();
    }

    /** Orders created before the given time and still without a final state, oldest first. */
    public List<Order> unresolved(Instant before, int limit) {
        return jdbi.withHandle(h -> h.createQuery(UNRESOLVED).bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> order(rs)).list());
    }

    /**
     * Within the caller's transaction: claims up to {@code limit} orders unresolved since before
     * {@code before} and not yet reported, marking them reported, so that each is announced once.
     */
    public static List<Order> claimUnresolvedToReport(Handle h, Instant before, int limit) {
        return h.createQuery(CLAIM_UNRESOLVED).bind("before", before).bind("limit", limit).map((rs, ctx) -> order(rs)).list();
    }

    /** A member's latest {@code limit} orders, newest first. */
    public List<Order> recentOrders(long memberId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(RECENT_ORDERS).bind("memberId", memberId).bind("limit", limit)
                .map((rs, ctx) -> order(rs)).list());
    }

    /** How many orders older than {@code before} have no final state: the resolver's backlog. */
    public long unresolvedCount(Instant before) {
        return jdbi.withHandle(h -> h.createQuery(UNRESOLVED_COUNT).bind("before", before).mapTo(Long.class).one());
    }

    /** Unresolved orders old enough for the resolver and due by their backoff. */
    public List<Order> dueForResolution(Instant before, Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery(DUE).bind("before", before).bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> order(rs)).list());
    }

    /** Records an attempt that did not settle the order. */
    public void backOff(String operatorId, String orderId) {
        jdbi.useHandle(h -> h.createUpdate(BACK_OFF).bind("operatorId", operatorId).bind("orderId", orderId).execute());
    }

    /** Orders whose ledger lines are wrong, one sentence each. */
    public List<String> unbalancedOrders() {
        return jdbi.withHandle(h -> h.createQuery(UNBALANCED).mapTo(String.class).list());
    }

    /** Credit lines whose use differs from the orders, one sentence each. */
    public List<String> creditMismatches() {
        return jdbi.withHandle(h -> h.createQuery(CREDIT_MISMATCHES).mapTo(String.class).list());
    }

    /**
     * One page of member wallets with their ledger balance, of one operator, one member of it and
     * one game or (null) of all, in (operator, member, game) order, starting after {@code after}
     * (null: from the start).
     */
    public List<MemberBalance> memberLedgerBalances(String operatorId, String userName, Game game, Reconciliation.Wallet after,
                                                    int limit) {
        return jdbi.withHandle(h -> h.createQuery(MEMBER_BALANCES).bind("operatorId", operatorId).bind("userName", userName)
                .bind("game", game == null ? null : game.code())
                .bind("afterOperator", after == null ? null : after.operatorId())
                .bind("afterUser", after == null ? null : after.userName())
                .bind("afterGame", after == null ? null : after.game().code())
                .bind("limit", limit)
                .map((rs, ctx) -> new MemberBalance(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Game.fromCode(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getBigDecimal(6)))
                .list());
    }

    private static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), Game.fromCode(rs.getString(5)).orElseThrow(),
                rs.getBigDecimal(6), Direction.valueOf(rs.getString(7)), OrderStatus.valueOf(rs.getString(8)), rs.getString(9),
                rs.getBigDecimal(10), rs.getString(11), Language.fromHeader(rs.getString(14)), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)), rs.getLong(15));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
