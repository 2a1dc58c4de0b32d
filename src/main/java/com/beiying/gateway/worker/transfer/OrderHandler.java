package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.worker.CommandHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code POST /v1/account/order}: an order's state; another operator's order is NOORDER like a missing one. */
@Component
@ConditionalOnRole(Role.WORKER)
class OrderHandler implements CommandHandler {
    private final OrderStore orders;
    private final FieldOpener opener;

    OrderHandler(OrderStore orders, FieldOpener opener) {
        this.orders = orders;
        this.opener = opener;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.ORDER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        String orderId = FieldRules.orderId(opener.fields(command.operatorId(), command.requestId(), command.fields()));
        OrderStore.Order order = orders.order(command.operatorId(), orderId)
                .orElseThrow(() -> new GatewayException(Errors.ORDER_NOT_FOUND));
        Map<String, FieldInput> result = view(order);
        return handle -> Outcome.success(result);
    }

    /** An order as {@code /v1/account/order} shows it. */
    static Map<String, FieldInput> view(OrderStore.Order order) {
        Map<String, FieldInput> result = new LinkedHashMap<>();
        result.put("OrderID", FieldInput.string(order.orderId()));
        result.put("Status", FieldInput.string(order.status().apiWord()));
        result.put("UserName", FieldInput.string(order.userName()));
        result.put("Game", FieldInput.string(order.game().code()));
        result.put("Money", FieldInput.string(order.amount().toPlainString()));
        result.put("Action", FieldInput.string(order.action().name()));
        result.put("CreatedAt", FieldInput.string(order.createdAt().toString()));
        result.put("FinishedAt", order.finishedAt() == null ? FieldInput.NULL : FieldInput.string(order.finishedAt().toString()));
        return result;
    }
}
