package com.beiying.gateway.wallet;

import java.math.BigDecimal;

/**
 * Settles a transfer order: its final state, its two ledger lines and its credit line change, in
 * the caller's transaction. Settling is idempotent: an order already final is left alone, so the
 * worker and the resolver may race to settle one order and the money moves in the books once.
 */
public final class Ledger {
    private Ledger() {
    }

    /** The ledger account of a member's wallet at a provider. */
    public static String memberAccount(long memberId, String game) {
        return "member:" + memberId + ":" + game;
    }

    /** The ledger account of an operator's credit line for a game. */
    public static String creditAccount(String operatorId, String game) {
        return "credit:" + operatorId + ":" + game;
    }

    /** Settles an unresolved order; false when it was already final. */
    public static boolean settle(WalletDao dao, WalletDao.Order order, boolean success, String failure, BigDecimal balanceAfter) {
        if (!dao.finish(order.operatorId(), order.orderId(), success ? "SUCCESS" : "FAILED", success ? null : failure,
                balanceAfter)) {
            return false;
        }
        BigDecimal amount = order.amount();
        boolean in = order.action().equals("IN");
        if (success) {
            BigDecimal toMember = in ? amount : amount.negate();
            dao.ledgerLine(order.operatorId(), order.orderId(), memberAccount(order.memberId(), order.game()), toMember);
            dao.ledgerLine(order.operatorId(), order.orderId(), creditAccount(order.operatorId(), order.game()), toMember.negate());
            if (!in) {
                dao.releaseCredit(order.operatorId(), order.game(), amount);
            }
        } else if (in) {
            // The reservation made when the order was accepted is given back.
            dao.releaseCredit(order.operatorId(), order.game(), amount);
        }
        return true;
    }
}
