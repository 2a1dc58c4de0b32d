package com.beiying.gateway.ingress;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.provider.Game;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.wallet.WalletDao;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;

/** Credit lines, the ledger check and unresolved orders (SPEC §7, §9). */
final class WalletAdmin {
    private final Jdbi jdbi;
    private final ObjectProvider<ProviderRegistry> providers;
    private final Duration unresolvedAlert;
    private final Clock clock;

    WalletAdmin(Jdbi jdbi, ObjectProvider<ProviderRegistry> providers, Duration unresolvedAlert, Clock clock) {
        this.jdbi = jdbi;
        this.providers = providers;
        this.unresolvedAlert = unresolvedAlert;
        this.clock = clock;
    }

    /** Sets a credit line; lowering it below what is used is allowed and only stops new transfers in. */
    WalletDao.CreditLine setCredit(String operatorId, Game game, BigDecimal credit) {
        return jdbi.inTransaction(h -> {
            WalletDao dao = h.attach(WalletDao.class);
            dao.setCreditLimit(operatorId, game.code(), credit);
            return dao.creditLine(operatorId, game.code()).orElseThrow();
        });
    }

    /**
     * Every violated invariant of SPEC §7: orders whose ledger lines do not balance, credit use
     * that differs from the orders, and, when asked and a provider role is at hand, member wallets
     * whose ledger balance differs from the provider's (exact only without play at the provider).
     */
    List<String> check(boolean compareProviders, String operatorId) {
        List<String> violations = new ArrayList<>();
        jdbi.useExtension(WalletDao.class, dao -> {
            violations.addAll(dao.unbalancedOrders());
            violations.addAll(dao.creditMismatches());
        });
        ProviderRegistry registry = compareProviders ? providers.getIfAvailable() : null;
        if (compareProviders && registry == null) {
            throw new GatewayException(Errors.NOT_SUPPORTED);
        }
        if (registry != null) {
            for (String row : jdbi.withExtension(WalletDao.class, dao -> dao.memberLedgerBalances(operatorId))) {
                String[] parts = row.split("\\|");
                Game game = Game.fromCode(parts[0]).orElseThrow();
                BigDecimal ledger = new BigDecimal(parts[2]);
                BigDecimal provider = registry.adapter(game).balance(parts[1]);
                if (provider.compareTo(ledger) != 0) {
                    violations.add("wallet " + parts[0] + "/" + parts[1] + ": ledger " + ledger + " but provider " + provider);
                }
            }
        }
        return violations;
    }

    /** Orders still without a final state after the alert time. */
    List<WalletDao.Order> unresolved() {
        return jdbi.withExtension(WalletDao.class, dao -> dao.unresolved(clock.instant().minus(unresolvedAlert), 1000));
    }
}
