package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Member lookup for the back office (docs/api.md, {@code GET /admin/v1/members}): one operator's
 * member by name, its provider accounts, optionally each account's balance asked of its provider,
 * and its latest orders. Public for the console, which shows the same lookup to people.
 */
public final class MemberAdmin {
    /** Orders a lookup shows. */
    public static final int RECENT_ORDERS = 50;

    /** A provider account with its balance at the provider, or why that could not be asked (null both when not asked). */
    public record Account(MemberStore.ProviderAccount account, BigDecimal balance, String error) {
    }

    /** What a lookup found. */
    public record Found(String operatorId, MemberStore.Member member, List<Account> accounts, List<OrderStore.Order> orders) {
    }

    private final OperatorStore operators;
    private final MemberStore members;
    private final OrderStore orders;
    private final WalletAdmin wallet;

    MemberAdmin(OperatorStore operators, MemberStore members, OrderStore orders, WalletAdmin wallet) {
        this.operators = operators;
        this.members = members;
        this.orders = orders;
        this.wallet = wallet;
    }

    /**
     * The operator's member with this (already validated) name; an unknown operator is
     * OPERATOR_NOT_FOUND, an unknown member NOUSER 2021. Balances are asked only when wanted:
     * each is a call to a provider, made by a worker (the member's page of the reconciliation),
     * since only workers reach providers.
     */
    public Found lookup(String operatorId, String userName, boolean balances, Language language) {
        if (operators.operator(operatorId).isEmpty()) {
            throw new GatewayException(Errors.OPERATOR_NOT_FOUND);
        }
        MemberStore.Member member = members.find(operatorId, userName)
                .orElseThrow(() -> new GatewayException(Errors.USER_NOT_FOUND));
        List<MemberStore.ProviderAccount> opened = members.providerAccounts(member.memberId());
        List<Account> accounts;
        if (balances && !opened.isEmpty()) {
            Map<Game, Reconciliation.Line> lines = new EnumMap<>(Game.class);
            wallet.reconcileMember(operatorId, member.userName(), language).lines().forEach(l -> lines.put(l.game(), l));
            accounts = opened.stream().map(a -> {
                Reconciliation.Line l = lines.get(a.game());
                return l == null ? new Account(a, null, Errors.INTERNAL_ERROR.name()) : new Account(a, l.provider(), l.error());
            }).toList();
        } else {
            accounts = opened.stream().map(a -> new Account(a, null, null)).toList();
        }
        return new Found(operatorId, member, accounts, orders.recentOrders(member.memberId(), RECENT_ORDERS));
    }
}
