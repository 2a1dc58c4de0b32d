package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.Operator;
import com.beiying.gateway.provider.Game;
import com.beiying.gateway.provider.ProviderAdapter.Direction;
import com.beiying.gateway.provider.ProviderAdapter.TransferResult;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.wallet.Ledger;
import com.beiying.gateway.wallet.WalletDao;
import com.beiying.gateway.worker.CommandFields;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.FieldOpener;
import com.beiying.gateway.worker.FieldRules;
import com.beiying.gateway.worker.MemberGate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code POST /v1/account/transfer} (SPEC §4, §7). The order is recorded, and for a transfer in its
 * credit reserved, before the provider is called with the OrderID as its idempotency key; the
 * provider's answer settles the order, its ledger lines and its credit in the transaction that
 * commits the reply. An answer that never came leaves the order unresolved (PROCCESSING) for the
 * resolver. The same OrderID again with the same content answers from the order (driving it
 * again if unresolved); with other content it is EXISTSORDER.
 */
public final class TransferHandler implements CommandHandler {
    private final Jdbi jdbi;
    private final FieldOpener opener;
    private final MemberGate gate;
    private final ProviderRegistry providers;

    /** Wires the handler. */
    public TransferHandler(Jdbi jdbi, FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
        this.jdbi = jdbi;
        this.opener = opener;
        this.gate = gate;
        this.providers = providers;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.TRANSFER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        CommandFields fields = new CommandFields(command, opener);
        String userName = FieldRules.userName(fields);
        Game game = FieldRules.game(fields);
        String orderId = FieldRules.orderId(fields);
        BigDecimal money = FieldRules.money(fields);
        String action = FieldRules.action(fields);

        Operator operator = gate.operatorFor(command.operatorId(), game);
        MemberStore.MemberAt found = gate.memberAt(command.operatorId(), userName, game, true);
        MemberStore.Member member = found.member();
        WalletDao.Order existing = jdbi.withExtension(WalletDao.class, dao -> dao.order(command.operatorId(), orderId)).orElse(null);
        if (existing != null) {
            if (existing.memberId() != member.memberId() || !existing.game().equals(game.code())
                    || existing.amount().compareTo(money) != 0 || !existing.action().equals(action)) {
                throw new GatewayException(Errors.ORDER_CONFLICT);
            }
            if (existing.isFinal()) {
                return handle -> answer(existing);
            }
            return settle(existing, call(gate.providerAccount(found, game, operator.currency()), existing));
        }

        String account = gate.providerAccount(found, game, operator.currency());
        WalletDao.Order order = jdbi.inTransaction(h -> {
            WalletDao dao = h.attach(WalletDao.class);
            Optional<Instant> created = dao.insertOrder(command.operatorId(), orderId, member.memberId(), game.code(), money,
                    action, command.requestId());
            if (created.isEmpty()) {
                // Another command with this OrderID got in first; answer as a repeat of it.
                return null;
            }
            // Last, so that the operator's credit line, which every transfer in touches, stays locked briefly.
            if (action.equals("IN") && !dao.reserveCredit(command.operatorId(), game.code(), money)) {
                throw new GatewayException(Errors.INSUFFICIENT_CREDIT);
            }
            return new WalletDao.Order(command.operatorId(), orderId, member.memberId(), member.userName(), game.code(), money,
                    action, "PENDING", null, null, command.requestId(), created.get(), null);
        });
        if (order == null) {
            return prepare(command);
        }
        return settle(order, call(account, order));
    }

    private TransferResult call(String account, WalletDao.Order order) {
        ProviderAdapter provider = providers.adapter(Game.fromCode(order.game()).orElseThrow());
        try {
            return provider.transfer(account, order.providerOrderId(), order.amount(), Direction.valueOf(order.action()));
        } catch (GatewayException refused) {
            // Refused before it was sent (circuit open, bulkhead full, connection refused) or
            // refused by the provider outright: nothing moved, so the order fails.
            return new TransferResult(TransferState.FAILED, null, refused.error().name());
        }
    }

    private Effects settle(WalletDao.Order order, TransferResult result) {
        return handle -> {
            WalletDao dao = handle.attach(WalletDao.class);
            boolean success = result.state() == TransferState.SUCCESS;
            String failure = success ? null : result.failure();
            BigDecimal balance = success ? result.balance() : null;
            if (success || result.state() == TransferState.FAILED) {
                if (Ledger.settle(dao, order, success, failure, balance)) {
                    return answer(order.settledAs(success ? "SUCCESS" : "FAILED", failure, balance));
                }
            } else {
                dao.markProcessing(order.operatorId(), order.orderId());
            }
            // Unresolved, or the resolver settled it first: the stored order is the answer.
            return answer(dao.order(order.operatorId(), order.orderId()).orElseThrow());
        };
    }

    /** The answer an order's state gives, the same however often it is asked. */
    public static Outcome answer(WalletDao.Order order) {
        Map<String, FieldInput> result = new LinkedHashMap<>();
        result.put("OrderID", FieldInput.string(order.orderId()));
        switch (order.status()) {
            case "SUCCESS" -> {
                result.put("Status", FieldInput.string("Success"));
                if (order.balanceAfter() != null) {
                    result.put("Balance", FieldInput.string(order.balanceAfter().toPlainString()));
                }
                return Outcome.success(result);
            }
            case "FAILED" -> {
                result.put("Status", FieldInput.string("Failed"));
                return Outcome.failure(new GatewayException(failureError(order.failure())), result);
            }
            default -> {
                result.put("Status", FieldInput.string("Processing"));
                return Outcome.failure(new GatewayException(Errors.PROCESSING), result);
            }
        }
    }

    private static Errors failureError(String failure) {
        Errors error = Errors.byName(failure);
        // An order the provider never saw failed because the gateway could not reach it.
        return error == Errors.ORDER_NOT_FOUND ? Errors.PROVIDER_BUSY : error;
    }
}
