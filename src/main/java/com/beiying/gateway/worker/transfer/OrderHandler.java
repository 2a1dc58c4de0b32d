package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.wallet.WalletDao;
import com.beiying.gateway.worker.CommandFields;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.FieldOpener;
import com.beiying.gateway.worker.FieldRules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** {@code POST /v1/account/order}: an order's state; another operator's order is NOORDER like a missing one. */
public final class OrderHandler implements CommandHandler {
    private final Jdbi jdbi;
    private final FieldOpener opener;

    /** Wires the handler. */
    public OrderHandler(Jdbi jdbi, FieldOpener opener) {
        this.jdbi = jdbi;
        this.opener = opener;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.ORDER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        String orderId = FieldRules.orderId(new CommandFields(command, opener));
        WalletDao.Order order = jdbi.withExtension(WalletDao.class, dao -> dao.order(command.operatorId(), orderId))
                .orElseThrow(() -> new GatewayException(Errors.ORDER_NOT_FOUND));
        Map<String, FieldInput> result = new LinkedHashMap<>();
        result.put("OrderID", FieldInput.string(order.orderId()));
        result.put("Status", FieldInput.string(switch (order.status()) {
            case "SUCCESS" -> "Success";
            case "FAILED" -> "Failed";
            default -> "Processing";
        }));
        result.put("UserName", FieldInput.string(order.userName()));
        result.put("Game", FieldInput.string(order.game()));
        result.put("Money", FieldInput.string(order.amount().toPlainString()));
        result.put("Action", FieldInput.string(order.action()));
        result.put("CreatedAt", FieldInput.string(order.createdAt().toString()));
        result.put("FinishedAt", order.finishedAt() == null ? new FieldInput(FieldInput.Kind.NULL, null, null)
                : FieldInput.string(order.finishedAt().toString()));
        return handle -> Outcome.success(result);
    }
}
