package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.persistence.OrderStore;
import java.math.BigDecimal;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/**
 * The events of a transfer (docs/events.md), appended in the transaction that settles it or
 * marks it reported: TransferSettled once its state is final, by the request or the resolver
 * (one id per order, so never twice), and TransferUnresolved once past the alert time.
 */
@Component
@ConditionalOnRole(Role.WORKER)
final class TransferEvents {
    private final EventOutbox outbox;
    private final Clock clock;

    TransferEvents(EventOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The order reached {@code status}; within the settling transaction. */
    void settled(Handle handle, OrderStore.Order order, OrderStatus status, String failure, BigDecimal balance,
                 EventMessage.SettledBy by) {
        outbox.append(handle, EventMessage.of(order.operatorId(), order.userName(), order.requestId(), "order:" + order.orderId(),
                clock.instant(), new EventMessage.TransferSettled(order.orderId(), order.game(), order.action(), order.amount(), status,
                        status == OrderStatus.SUCCESS ? balance : null, status == OrderStatus.FAILED ? failure : null, by,
                        order.createdAt())));
    }

    /** The order is still unresolved past the alert time; within the transaction that marks it reported. */
    void unresolved(Handle handle, OrderStore.Order order) {
        outbox.append(handle, EventMessage.of(order.operatorId(), order.userName(), order.requestId(), "order:" + order.orderId(),
                clock.instant(), new EventMessage.TransferUnresolved(order.orderId(), order.game(), order.action(), order.amount(),
                        order.createdAt())));
    }
}
