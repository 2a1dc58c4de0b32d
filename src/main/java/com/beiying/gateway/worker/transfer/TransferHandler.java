package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderAdapter.TransferKey;
import com.beiying.gateway.provider.ProviderAdapter.TransferResult;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.wallet.Ledger;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.MemberGate;
import java.math.BigDecimal;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/account/transfer} (docs/api.md). The order is recorded, and for a transfer in its
 * credit reserved, before the provider is called with the OrderID as its idempotency key; the
 * provider's answer settles the order, its ledger lines and its credit in the transaction that
 * commits the reply. An answer that never came leaves the order unresolved (PROCCESSING) for the
 * resolver. The same OrderID again with the same content answers from the order (driving it
 * again if unresolved); with other content it is EXISTSORDER.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class TransferHandler implements CommandHandler {
    private final Jdbi jdbi;
    private final OrderStore orders;
    private final FieldOpener opener;
    private final MemberGate gate;
    private final ProviderRegistry providers;
    private final TransferEvents events;

    TransferHandler(Jdbi jdbi, OrderStore orders, FieldOpener opener, MemberGate gate, ProviderRegistry providers,
                    TransferEvents events) {
        this.jdbi = jdbi;
        this.orders = orders;
        this.opener = opener;
        this.gate = gate;
        this.providers = providers;
        this.events = events;
    }

    /** A transfer as asked for. */
    record Request(String operatorId, String orderId, long memberId, Game game, BigDecimal amount, Direction action) {
    }

    @Override
    public CommandKind kind() {
        return CommandKind.TRANSFER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        Game game = FieldRules.game(fields);
        String orderId = FieldRules.orderId(fields);
        BigDecimal money = FieldRules.money(fields);
        Direction action = FieldRules.action(fields);

        Operator operator = gate.operatorFor(command.operatorId(), game);
        MemberStore.MemberAt found = gate.memberAt(command.operatorId(), userName, game, true);
        Request request = new Request(command.operatorId(), orderId, found.member().memberId(), game, money, action);
        Optional<OrderStore.Order> existing = orders.order(command.operatorId(), orderId);
        if (existing.isPresent()) {
            OrderStore.Order order = existing.get();
            if (conflicts(order, request)) {
                throw new GatewayException(Errors.ORDER_CONFLICT);
            }
            if (order.status().isFinal()) {
                return handle -> TransferAnswers.of(order);
            }
            return settle(order, call(gate.providerAccount(found, game, operator.currency()), order, true));
        }

        if (providers.circuitOpen(game)) {
            // The provider is known to be down: refuse before any order exists, so the same OrderID can be sent again.
            throw new GatewayException(Errors.PROVIDER_BUSY);
        }
        String account = gate.providerAccount(found, game, operator.currency());
        OrderStore.Order order = jdbi.inTransaction(h -> {
            Optional<OrderStore.Created> created = OrderStore.insert(h, request.operatorId(), orderId, request.memberId(), game, money, action,
                    command.requestId(), command.language());
            if (created.isEmpty()) {
                // Another command with this OrderID got in first; answer as a repeat of it.
                return null;
            }
            // Last, so that the operator's credit line, which every transfer in touches, stays locked briefly.
            if (action == Direction.IN && !OperatorStore.reserveCredit(h, request.operatorId(), game.code(), money)) {
                throw new GatewayException(Errors.INSUFFICIENT_CREDIT);
            }
            return new OrderStore.Order(request.operatorId(), orderId, request.memberId(), userName, game, money, action,
                    OrderStatus.PENDING, null, null, command.requestId(), command.language(), created.get().createdAt(), null,
                    created.get().transferNo());
        });
        if (order == null) {
            return prepare(command);
        }
        return settle(order, call(account, order, false));
    }

    /** Whether an order with the request's OrderID says something else than the request. */
    static boolean conflicts(OrderStore.Order order, Request request) {
        return order.memberId() != request.memberId() || order.game() != request.game()
                || order.amount().compareTo(request.amount()) != 0 || order.action() != request.action();
    }

    /**
     * Sends the order to its provider. {@code sentBefore}: the order existed already (a repeat, or
     * a command redelivered after its worker died), so an earlier attempt may have reached the
     * provider.
     */
    private TransferResult call(String account, OrderStore.Order order, boolean sentBefore) {
        ProviderAdapter provider = providers.adapter(order.game());
        TransferResult result;
        try {
            result = provider.transfer(account, keyOf(order), order.amount(), order.action());
        } catch (GatewayException refused) {
            return refusal(refused, sentBefore);
        }
        if (result.state() == TransferState.SUCCESS && result.balance() == null) {
            // Providers whose transfer answer carries no balance (BBIN) are asked for it; the
            // transfer stands whether or not they answer.
            try {
                return new TransferResult(TransferState.SUCCESS, provider.balance(account), null);
            } catch (GatewayException notNow) {
                return result;
            }
        }
        return result;
    }

    /**
     * A send refused before it reached the provider (circuit open, bulkhead full, connection
     * refused) or by the provider outright. On a first attempt nothing moved, so the order fails;
     * after an earlier attempt this refusal says nothing of that one, which may have moved the
     * money, so the order stays unresolved for the resolver to ask the provider.
     */
    static TransferResult refusal(GatewayException refused, boolean sentBefore) {
        return sentBefore ? new TransferResult(TransferState.UNKNOWN, null, null)
                : new TransferResult(TransferState.FAILED, null, refused.error().name());
    }

    private Effects settle(OrderStore.Order order, TransferResult result) {
        return handle -> {
            Optional<OrderStatus> finalStatus = finalStatus(result.state());
            if (finalStatus.isPresent()) {
                boolean success = finalStatus.get() == OrderStatus.SUCCESS;
                String failure = success ? null : result.failure();
                BigDecimal balance = success ? result.balance() : null;
                if (Ledger.settle(handle, order, finalStatus.get(), failure, balance)) {
                    events.settled(handle, order, finalStatus.get(), failure, balance, EventMessage.SettledBy.REQUEST);
                    return TransferAnswers.of(order.settledAs(finalStatus.get(), failure, balance));
                }
            } else {
                OrderStore.markProcessing(handle, order.operatorId(), order.orderId());
            }
            // Unresolved, or the resolver settled it first: the stored order is the answer.
            return TransferAnswers.of(OrderStore.order(handle, order.operatorId(), order.orderId()).orElseThrow());
        };
    }

    /** The order as providers know it: the key its provider-side id is made from. */
    static TransferKey keyOf(OrderStore.Order order) {
        return new TransferKey(order.providerOrderId(), order.transferNo(), order.createdAt());
    }

    /** The final state a provider's answer gives an order, or empty while the outcome is unknown. */
    static Optional<OrderStatus> finalStatus(TransferState state) {
        return switch (state) {
            case SUCCESS -> Optional.of(OrderStatus.SUCCESS);
            case FAILED -> Optional.of(OrderStatus.FAILED);
            default -> Optional.empty();
        };
    }
}
