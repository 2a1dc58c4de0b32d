package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.provider.Game;
import com.beiying.gateway.provider.ProviderAdapter.Direction;
import com.beiying.gateway.provider.ProviderAdapter.TransferResult;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.wallet.Ledger;
import com.beiying.gateway.wallet.WalletDao;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Settles transfers whose outcome is unknown (a lost answer, a timeout, a worker that died between
 * the provider call and its commit) by asking the provider, on every worker, until each is final,
 * backing off per order (2 s, 4 s, 8 s … at most 5 minutes between attempts).
 * An order the provider never saw is sent again with the same key, which either applies it or
 * refuses it for good; the provider applies one key once, so racing resolvers cannot move money
 * twice, and settling an order already final changes nothing.
 */
public final class TransferResolver {
    private static final Logger log = LoggerFactory.getLogger(TransferResolver.class);

    private final Jdbi jdbi;
    private final MemberStore members;
    private final ProviderRegistry providers;
    private final Duration settleAfter;
    private final Clock clock;
    private final Consumer<WalletDao.Order> publishFinal;

    /**
     * @param settleAfter  age before an unresolved order is the resolver's (longer than any provider call)
     * @param publishFinal publishes the final state of an order the resolver settled
     */
    public TransferResolver(Jdbi jdbi, MemberStore members, ProviderRegistry providers, Duration settleAfter, Clock clock,
                            Consumer<WalletDao.Order> publishFinal) {
        this.jdbi = jdbi;
        this.members = members;
        this.providers = providers;
        this.settleAfter = settleAfter;
        this.clock = clock;
        this.publishFinal = publishFinal;
    }

    /** One pass over the unresolved orders; scheduled. */
    @Scheduled(fixedDelayString = "${gateway.wallet.resolve-interval}")
    public void resolve() {
        List<WalletDao.Order> orders;
        try {
            orders = jdbi.withExtension(WalletDao.class,
                    dao -> dao.dueForResolution(clock.instant().minus(settleAfter), clock.instant(), 200));
        } catch (RuntimeException e) {
            log.warn("resolver could not read unresolved orders: {}", e.toString());
            return;
        }
        for (WalletDao.Order order : orders) {
            boolean settled;
            try {
                settled = resolve(order);
            } catch (RuntimeException e) {
                log.warn("order {}/{} still unresolved: {}", order.operatorId(), order.orderId(), e.toString());
                settled = false;
            }
            if (!settled) {
                jdbi.useExtension(WalletDao.class, dao -> dao.backOff(order.operatorId(), order.orderId()));
            }
        }
    }

    /** One attempt; true when the order is final afterwards. */
    private boolean resolve(WalletDao.Order order) {
        Game game = Game.fromCode(order.game()).orElseThrow();
        ProviderAdapter provider = providers.adapter(game);
        String account = members.providerAccount(order.memberId(), order.game())
                .orElseThrow(() -> new IllegalStateException("no provider account for member " + order.memberId()));
        TransferResult result = provider.transferStatus(account, order.providerOrderId());
        if (result.state() == TransferState.FAILED && Errors.ORDER_NOT_FOUND.name().equals(result.failure())) {
            try {
                result = provider.transfer(account, order.providerOrderId(), order.amount(), Direction.valueOf(order.action()));
            } catch (GatewayException refused) {
                return false;
            }
        }
        if (result.state() != TransferState.SUCCESS && result.state() != TransferState.FAILED) {
            return false;
        }
        TransferResult settled = result;
        WalletDao.Order finished = jdbi.inTransaction(h -> {
            WalletDao dao = h.attach(WalletDao.class);
            boolean changed = Ledger.settle(dao, order, settled.state() == TransferState.SUCCESS, settled.failure(), settled.balance());
            return changed ? dao.order(order.operatorId(), order.orderId()).orElseThrow() : null;
        });
        if (finished != null) {
            log.info("order {}/{} settled by the resolver: {}", order.operatorId(), order.orderId(), settled.state());
            publishFinal.accept(finished);
        }
        return true;
    }
}
