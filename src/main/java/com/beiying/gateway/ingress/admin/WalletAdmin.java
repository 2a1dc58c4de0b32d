package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Credit lines, the ledger check, reconciliation and unresolved orders (docs/api.md). Public for
 * the console (ingress.console), which shows the same to people.
 */
public final class WalletAdmin {
    /** Provider balance calls made at once by one reconciliation. */
    private static final int PARALLEL_CALLS = 8;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /**
     * One member wallet reconciled (docs/bets.md, "Reconciliation"): what the ledger says was
     * transferred, what its collected bets did (settled win/loss, open stakes), the balance that
     * gives, the provider's balance, and the difference; or why the provider could not be asked.
     */
    public record Line(String operatorId, String userName, Game game, String account, BigDecimal ledger, BigDecimal settledWinLoss,
                BigDecimal openStakes, long bets, BigDecimal expected, BigDecimal provider, String error) {
        /** Provider balance less the expected one; null when the provider was not reached. */
        public BigDecimal difference() {
            return provider == null ? null : provider.subtract(expected);
        }

        public boolean clean() {
            return provider != null && difference().signum() == 0;
        }
    }

    /** A reconciliation: its lines and how far each game's bets were collected when it ran. */
    public record Reconciliation(List<Line> lines, Map<Game, Instant> collectedTo) {
        public boolean ok() {
            return lines.stream().allMatch(Line::clean);
        }
    }

    private final OperatorStore operators;
    private final OrderStore orders;
    private final BetStore bets;
    private final ObjectProvider<ProviderRegistry> providers;
    private final Duration unresolvedAlert;
    private final Clock clock;

    WalletAdmin(OperatorStore operators, OrderStore orders, BetStore bets, ObjectProvider<ProviderRegistry> providers,
                Duration unresolvedAlert, Clock clock) {
        this.operators = operators;
        this.orders = orders;
        this.bets = bets;
        this.providers = providers;
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
    public List<String> check(boolean compareProviders, String operatorId) {
        List<String> violations = new ArrayList<>();
        violations.addAll(orders.unbalancedOrders());
        violations.addAll(orders.creditMismatches());
        if (!compareProviders) {
            return violations;
        }
        for (Line line : reconcile(operatorId, null).lines()) {
            if (!line.clean()) {
                violations.add("wallet " + line.game().code() + "/" + line.account() + ": ledger " + line.ledger()
                        + " + settled win/loss " + line.settledWinLoss() + " - open stakes " + line.openStakes() + " = "
                        + line.expected() + " but provider " + (line.provider() != null ? line.provider() : line.error()));
            }
        }
        return violations;
    }

    /**
     * Per member and game: provider balance against ledger plus collected bets (a void bet counts
     * zero). Bets the collectors have not reached yet show as differences; the answer says how far
     * each game is collected.
     */
    public Reconciliation reconcile(String operatorId, Game game) {
        ProviderRegistry registry = providers.getIfAvailable();
        if (registry == null) {
            throw new GatewayException(Errors.NOT_SUPPORTED);
        }
        Map<Game, Instant> collected = new EnumMap<>(Game.class);
        for (Game g : registry.games()) {
            if (game == null || g == game) {
                bets.progress(g).ifPresent(p -> collected.put(g, p.collectedTo()));
            }
        }
        Map<String, BetStore.MemberBets> betsOf = new HashMap<>();
        for (BetStore.MemberBets b : bets.memberBets(operatorId, game)) {
            betsOf.put(b.memberId() + ":" + b.game().code(), b);
        }
        List<OrderStore.MemberBalance> wallets = orders.memberLedgerBalances(operatorId, game);
        ExecutorService calls = Executors.newFixedThreadPool(PARALLEL_CALLS, r -> {
            Thread t = new Thread(r, "reconciliation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Line>> lines = new ArrayList<>(wallets.size());
            for (OrderStore.MemberBalance w : wallets) {
                BetStore.MemberBets b = betsOf.get(w.memberId() + ":" + w.game().code());
                lines.add(CompletableFuture.supplyAsync(() -> line(registry, w, b), calls));
            }
            return new Reconciliation(lines.stream().map(CompletableFuture::join).toList(), collected);
        } finally {
            calls.shutdownNow();
        }
    }

    private static Line line(ProviderRegistry registry, OrderStore.MemberBalance w, BetStore.MemberBets b) {
        BigDecimal settled = b == null ? ZERO : b.settledWinLoss();
        BigDecimal open = b == null ? ZERO : b.openStakes();
        BigDecimal expected = w.ledger().add(settled).subtract(open);
        BigDecimal provider = null;
        String error = null;
        try {
            provider = registry.adapter(w.game()).balance(w.accountName());
        } catch (GatewayException e) {
            error = e.error().name();
        } catch (RuntimeException e) {
            error = Errors.INTERNAL_ERROR.name();
        }
        return new Line(w.operatorId(), w.userName(), w.game(), w.accountName(), w.ledger(), settled, open,
                b == null ? 0 : b.bets(), expected, provider, error);
    }

    /** Orders still without a final state after the alert time. */
    public List<OrderStore.Order> unresolved() {
        return orders.unresolved(clock.instant().minus(unresolvedAlert), 1000);
    }
}
