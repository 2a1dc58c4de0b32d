package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.OrderStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer a transfer order's state gives: the same however often, and by whomever, it is asked. */
final class TransferAnswers {
    private TransferAnswers() {
    }

    /** The outcome of a transfer whose order stands as given. */
    static Outcome of(OrderStore.Order order) {
        Map<String, FieldInput> result = new LinkedHashMap<>();
        result.put("OrderID", FieldInput.string(order.orderId()));
        result.put("Status", FieldInput.string(order.status().apiWord()));
        return switch (order.status()) {
            case SUCCESS -> {
                if (order.balanceAfter() != null) {
                    result.put("Balance", FieldInput.string(order.balanceAfter().toPlainString()));
                }
                yield Outcome.success(result);
            }
            case FAILED -> Outcome.failure(new GatewayException(failureError(order.failure())), result);
            default -> Outcome.failure(new GatewayException(Errors.PROCESSING), result);
        };
    }

    /** A transfer that failed for want of balance says so (NOBALANCE); any other failure is ORDER_FAILD. */
    private static Errors failureError(String failure) {
        return Errors.INSUFFICIENT_BALANCE.name().equals(failure) ? Errors.INSUFFICIENT_BALANCE : Errors.ORDER_FAILED;
    }
}
