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

    private static Errors failureError(String failure) {
        Errors error = Errors.byName(failure);
        // An order the provider never saw failed because the gateway could not reach it.
        return error == Errors.ORDER_NOT_FOUND ? Errors.PROVIDER_BUSY : error;
    }
}
