package com.beiying.gateway.wallet;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import java.math.BigDecimal;
import org.jdbi.v3.core.Handle;

/**
 * Settles a transfer order: its final state, its two ledger lines and its credit line change, in
 * the caller's transaction. Settling is idempotent: an order already final is left alone, so the
 * worker and the resolver may race to settle one order and the money moves in the books once.
 */
public final class Ledger {
    private Ledger() {
    }

    /**
     * What settling an order does to the books: the member wallet's line and the credit line's
     * line (they sum to zero; both zero when no money moved), and the credit given back to the
     * operator's line.
     */
    public record Movement(BigDecimal toMember, BigDecimal toCredit, BigDecimal creditReleased) {
        /** Whether money moved, so that ledger lines are written. */
        public boolean moved() {
            return toMember.signum() != 0;
        }
    }

    /**
     * The movement of an order settled as {@code status}. A successful IN moves the amount from
     * the credit line to the member (its credit was reserved when the order was accepted); a
     * successful OUT moves it back and frees that much credit; a failed IN frees its reservation;
     * a failed OUT changes nothing.
     */
    public static Movement movement(Direction action, BigDecimal amount, OrderStatus status) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("not a final state: " + status);
        }
        boolean success = status == OrderStatus.SUCCESS;
        boolean in = action == Direction.IN;
        BigDecimal toMember = !success ? BigDecimal.ZERO : in ? amount : amount.negate();
        BigDecimal released = success == in ? BigDecimal.ZERO : amount;
        return new Movement(toMember, toMember.negate(), released);
    }

    /** Settles an unresolved order as {@code status}; false when it was already final (nothing written). */
    public static boolean settle(Handle h, OrderStore.Order order, OrderStatus status, String failure, BigDecimal balanceAfter) {
        if (!OrderStore.finish(h, order.operatorId(), order.orderId(), status, failure, balanceAfter)) {
            return false;
        }
        Movement m = movement(order.action(), order.amount(), status);
        if (m.moved()) {
            OrderStore.memberLine(h, order, m.toMember());
            OrderStore.creditLine(h, order, m.toCredit());
        }
        if (m.creditReleased().signum() != 0) {
            OperatorStore.releaseCredit(h, order.operatorId(), order.game().code(), m.creditReleased());
        }
        return true;
    }
}
