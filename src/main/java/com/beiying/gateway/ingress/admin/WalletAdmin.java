package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.ingress.AdminCommands;
import com.beiying.gateway.messaging.Reconciliations;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Credit lines, the ledger check, reconciliation and unresolved orders (docs/api.md). Public for
 * the console (ingress.console), which shows the same to people.
 */
public final class WalletAdmin {
    /**
     * Wallets per reconciliation page: one page's reply (about 250 bytes a line) stays far below
     * Kafka's 1 MB record limit, and its provider calls (8 at a time) well within the admin reply
     * timeout even when a provider is slow.
     */
    static final int PAGE_SIZE = 200;

    private final OperatorStore operators;
    private final OrderStore orders;
    private final AdminCommands commands;
    private final Duration unresolvedAlert;
    private final Clock clock;

    WalletAdmin(OperatorStore operators, OrderStore orders, AdminCommands commands, Duration unresolvedAlert, Clock clock) {
        this.operators = operators;
        this.orders = orders;
        this.commands = commands;
        this.unresolvedAlert = unresolvedAlert;
        this.clock = clock;
    }

    /** Every game's credit line of an operator with what is used and available; an unknown operator is OPERATOR_NOT_FOUND. */
    public List<OperatorStore.GameLine> creditLines(String operatorId) {
        if (operators.operator(operatorId).isEmpty()) {
            throw new GatewayException(Errors.OPERATOR_NOT_FOUND);
        }
        return operators.creditLines(operatorId);
    }

    /** Sets a credit line; lowering it below what is used is allowed and only stops new transfers in. */
    public OperatorStore.CreditLine setCredit(String operatorId, Game game, BigDecimal credit) {
        return operators.setCreditLimit(operatorId, game, credit);
    }

    /**
     * Every violated invariant of the books (docs/api.md, "Money"): orders whose ledger lines do
     * not balance, credit use that differs from the orders, and, when asked, member wallets whose
     * provider balance differs from the ledger plus their collected bets, by the reconciliation's
     * rule.
     */
    public List<String> check(boolean compareProviders, String operatorId, Language language) {
        List<String> violations = new ArrayList<>();
        violations.addAll(orders.unbalancedOrders());
        violations.addAll(orders.creditMismatches());
        if (!compareProviders) {
            return violations;
        }
        for (Reconciliation.Line line : reconcile(operatorId, null, language).lines()) {
            if (!line.clean()) {
                violations.add("wallet " + line.game().code() + "/" + line.account() + ": ledger " + line.ledger()
                        + " + settled win/loss " + line.settledWinLoss() + " - open stakes " + line.openStakes() + " = "
                        + line.expected() + " but provider " + (line.provider() != null ? line.provider() : line.error()));
            }
        }
        return violations;
    }

    /**
     * Per member and game: provider balance against ledger plus collected bets, asked of the
     * workers page by page (ADMIN_RECONCILE commands; only workers reach providers) and joined
     * here. How far each game is collected is the first page's view.
     */
    public Reconciliation reconcile(String operatorId, Game game, Language language) {
        return reconcile(operatorId, null, game, language);
    }

    /** One member's wallets reconciled (the member lookup's provider balances), on a worker like the rest. */
    Reconciliation reconcileMember(String operatorId, String userName, Language language) {
        return reconcile(operatorId, userName, null, language);
    }

    private Reconciliation reconcile(String operatorId, String userName, Game game, Language language) {
        List<Reconciliation.Line> lines = new ArrayList<>();
        Map<Game, Instant> collectedTo = null;
        Reconciliation.Wallet after = null;
        do {
            Map<String, FieldInput> result = commands.send(CommandKind.ADMIN_RECONCILE,
                    Reconciliations.fields(new Reconciliations.PageRequest(operatorId, userName, game, after, PAGE_SIZE)), language);
            Reconciliations.Page page = Reconciliations.page(result);
            if (collectedTo == null) {
                collectedTo = page.part().collectedTo();
            }
            lines.addAll(page.part().lines());
            after = page.next();
        } while (after != null);
        return new Reconciliation(List.copyOf(lines), collectedTo);
    }

    /** Orders still without a final state after the alert time. */
    public List<OrderStore.Order> unresolved() {
        return orders.unresolved(clock.instant().minus(unresolvedAlert), 1000);
    }
}
