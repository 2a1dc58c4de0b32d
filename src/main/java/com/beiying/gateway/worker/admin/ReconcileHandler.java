package com.beiying.gateway.worker.admin;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.messaging.Reconciliations;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.CommandHandler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * {@code ADMIN_RECONCILE}: one page of the reconciliation (docs/bets.md), for the admin API's
 * {@code /admin/v1/reconciliation} and {@code /admin/v1/ledger/check?CompareProviders=true}. It
 * runs here because asking a provider for a balance needs its adapter and credentials, which
 * only workers hold; the ingress sends the pages and joins them. It reads and changes nothing,
 * so its effects only store the reply.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class ReconcileHandler implements CommandHandler {
    /** Provider balance calls made at once by one page. */
    private static final int PARALLEL_CALLS = 8;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final OrderStore orders;
    private final BetStore bets;
    private final ProviderRegistry providers;

    ReconcileHandler(OrderStore orders, BetStore bets, ProviderRegistry providers) {
        this.orders = orders;
        this.bets = bets;
        this.providers = providers;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.ADMIN_RECONCILE;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Map<String, FieldInput> result = Reconciliations.result(page(Reconciliations.pageRequest(command.fields())));
        return handle -> Outcome.success(result);
    }

    /**
     * Per member and game of the page: provider balance against ledger plus collected bets (a void
     * bet counts zero). Bets the collectors have not reached yet show as differences; the page
     * says how far each game is collected.
     */
    private Reconciliations.Page page(Reconciliations.PageRequest request) {
        Game game = request.game();
        Map<Game, Instant> collected = new EnumMap<>(Game.class);
        for (Game g : providers.games()) {
            if (game == null || g == game) {
                bets.progress(g).ifPresent(p -> collected.put(g, p.collectedTo()));
            }
        }
        List<OrderStore.MemberBalance> wallets = orders.memberLedgerBalances(request.operatorId(), request.userName(), game, request.after(),
                request.limit());
        Map<String, BetStore.MemberBets> betsOf = new HashMap<>();
        Set<Long> members = new LinkedHashSet<>();
        wallets.forEach(w -> members.add(w.memberId()));
        if (!members.isEmpty()) {
            for (BetStore.MemberBets b : bets.memberBets(members, game)) {
                betsOf.put(b.memberId() + ":" + b.game().code(), b);
            }
        }
        ExecutorService calls = Executors.newFixedThreadPool(PARALLEL_CALLS, r -> {
            Thread t = new Thread(r, "reconciliation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Reconciliation.Line>> lines = new ArrayList<>(wallets.size());
            for (OrderStore.MemberBalance w : wallets) {
                BetStore.MemberBets b = betsOf.get(w.memberId() + ":" + w.game().code());
                lines.add(CompletableFuture.supplyAsync(() -> line(w, b), calls));
            }
            List<Reconciliation.Line> page = lines.stream().map(CompletableFuture::join).toList();
            // A full page may have more after it; the page after the last wallet is empty.
            Reconciliation.Wallet next = page.size() < request.limit() ? null : page.get(page.size() - 1).wallet();
            return new Reconciliations.Page(new Reconciliation(page, collected), next);
        } finally {
            calls.shutdownNow();
        }
    }

    private Reconciliation.Line line(OrderStore.MemberBalance w, BetStore.MemberBets b) {
        BigDecimal settled = b == null ? ZERO : b.settledWinLoss();
        BigDecimal open = b == null ? ZERO : b.openStakes();
        BigDecimal expected = w.ledger().add(settled).subtract(open);
        BigDecimal provider = null;
        String error = null;
        try {
            provider = providers.adapter(w.game()).balance(w.accountName());
        } catch (GatewayException e) {
            error = e.error().name();
        } catch (RuntimeException e) {
            error = Errors.INTERNAL_ERROR.name();
        }
        return new Reconciliation.Line(w.operatorId(), w.userName(), w.game(), w.accountName(), w.ledger(), settled, open,
                b == null ? 0 : b.bets(), expected, provider, error);
    }
}
