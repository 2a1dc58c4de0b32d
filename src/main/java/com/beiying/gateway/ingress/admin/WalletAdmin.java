package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/** Credit lines, the ledger check and unresolved orders (docs/api.md). */
final class WalletAdmin {
    private final OperatorStore operators;
    private final OrderStore orders;
    private final ObjectProvider<ProviderRegistry> providers;
    private final Duration unresolvedAlert;
    private final Clock clock;

    WalletAdmin(OperatorStore operators, OrderStore orders, ObjectProvider<ProviderRegistry> providers, Duration unresolvedAlert,
                Clock clock) {
        this.operators = operators;
        this.orders = orders;
        this.providers = providers;
        this.unresolvedAlert = unresolvedAlert;
        this.clock = clock;
    }

    /** Sets a credit line; lowering it below what is used is allowed and only stops new transfers in. */
    OperatorStore.CreditLine setCredit(String operatorId, Game game, BigDecimal credit) {
        return operators.setCreditLimit(operatorId, game, credit);
    }

    /**
     * Every violated invariant of the books (docs/api.md, "Money"): orders whose ledger lines do not balance, credit use
     * that differs from the orders, and, when asked and a provider role is at hand, member wallets
     * whose ledger balance differs from the provider's (exact only without play at the provider).
     */
    List<String> check(boolean compareProviders, String operatorId) {
        List<String> violations = new ArrayList<>();
        violations.addAll(orders.unbalancedOrders());
        violations.addAll(orders.creditMismatches());
        if (!compareProviders) {
            return violations;
        }
        ProviderRegistry registry = providers.getIfAvailable();
        if (registry == null) {
            throw new GatewayException(Errors.NOT_SUPPORTED);
        }
        for (OrderStore.MemberBalance wallet : orders.memberLedgerBalances(operatorId)) {
            BigDecimal provider = registry.adapter(wallet.game()).balance(wallet.accountName());
            if (provider.compareTo(wallet.ledger()) != 0) {
                violations.add("wallet " + wallet.game().code() + "/" + wallet.accountName() + ": ledger " + wallet.ledger()
                        + " but provider " + provider);
            }
        }
        return violations;
    }

    /** Orders still without a final state after the alert time. */
    List<OrderStore.Order> unresolved() {
        return orders.unresolved(clock.instant().minus(unresolvedAlert), 1000);
    }
}
