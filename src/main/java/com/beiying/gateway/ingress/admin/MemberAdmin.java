package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Member lookup for the back office (docs/api.md, {@code GET /admin/v1/members}): one operator's
 * member by name, its provider accounts, optionally each account's balance asked of its provider,
 * and its latest orders. Public for the console, which shows the same lookup to people.
 */
public final class MemberAdmin {
    /** Orders a lookup shows. */
    public static final int RECENT_ORDERS = 50;
    /** Provider balance calls made at once by one lookup (one per provider at most). */
    private static final int PARALLEL_CALLS = 8;

    /** A provider account with its balance at the provider, or why that could not be asked (null both when not asked). */
    public record Account(MemberStore.ProviderAccount account, BigDecimal balance, String error) {
    }

    /** What a lookup found. */
    public record Found(String operatorId, MemberStore.Member member, List<Account> accounts, List<OrderStore.Order> orders) {
    }

    private final OperatorStore operators;
    private final MemberStore members;
    private final OrderStore orders;
    private final ObjectProvider<ProviderRegistry> providers;

    MemberAdmin(OperatorStore operators, MemberStore members, OrderStore orders, ObjectProvider<ProviderRegistry> providers) {
        this.operators = operators;
        this.members = members;
        this.orders = orders;
        this.providers = providers;
    }

    /**
     * The operator's member with this (already validated) name; an unknown operator is
     * OPERATOR_NOT_FOUND, an unknown member NOUSER 2021. Balances are asked only when wanted:
     * each is a call to a provider.
     */
    public Found lookup(String operatorId, String userName, boolean balances) {
        if (operators.operator(operatorId).isEmpty()) {
            throw new GatewayException(Errors.OPERATOR_NOT_FOUND);
        }
        MemberStore.Member member = members.find(operatorId, userName)
                .orElseThrow(() -> new GatewayException(Errors.USER_NOT_FOUND));
        List<MemberStore.ProviderAccount> opened = members.providerAccounts(member.memberId());
        ProviderRegistry registry = balances ? providers.getIfAvailable() : null;
        List<Account> accounts = registry == null ? opened.stream().map(a -> new Account(a, null, null)).toList()
                : withBalances(registry, opened);
        return new Found(operatorId, member, accounts, orders.recentOrders(member.memberId(), RECENT_ORDERS));
    }

    private static List<Account> withBalances(ProviderRegistry registry, List<MemberStore.ProviderAccount> opened) {
        if (opened.isEmpty()) {
            return List.of();
        }
        ExecutorService calls = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, opened.size()), r -> {
            Thread t = new Thread(r, "member-lookup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Account>> asked = new ArrayList<>(opened.size());
            for (MemberStore.ProviderAccount a : opened) {
                asked.add(CompletableFuture.supplyAsync(() -> balance(registry, a), calls));
            }
            return asked.stream().map(CompletableFuture::join).toList();
        } finally {
            calls.shutdownNow();
        }
    }

    private static Account balance(ProviderRegistry registry, MemberStore.ProviderAccount a) {
        try {
            return new Account(a, registry.adapter(a.game()).balance(a.account()), null);
        } catch (GatewayException e) {
            return new Account(a, null, e.error().name());
        } catch (RuntimeException e) {
            return new Account(a, null, Errors.INTERNAL_ERROR.name());
        }
    }
}
