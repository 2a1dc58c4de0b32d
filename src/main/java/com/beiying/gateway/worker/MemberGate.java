package com.beiying.gateway.worker;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.GameStatusDirectory;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import java.util.Optional;

/**
 * The checks every member operation at a provider passes, in one order for all: the game is
 * enabled for the operator (CONFIGERROR), not in maintenance (MAINTENANCE), the member exists
 * (NOUSER) and, where money or play is involved, is not locked (USERLOCK).
 */
public final class MemberGate {
    private final MemberStore members;
    private final OperatorDirectory operators;
    private final GameStatusDirectory games;
    private final ProviderRegistry providers;

    MemberGate(MemberStore members, OperatorDirectory operators, GameStatusDirectory games, ProviderRegistry providers) {
        this.members = members;
        this.operators = operators;
        this.games = games;
        this.providers = providers;
    }

    /** The operator a command acts for (one that vanished meanwhile is refused as an unknown key). */
    public Operator operator(String operatorId) {
        return operators.byId(operatorId).orElseThrow(() -> new GatewayException(Errors.UNKNOWN_API_KEY));
    }

    /** The operator, if the game may be used by it now. */
    public Operator operatorFor(String operatorId, Game game) {
        Operator operator = operator(operatorId);
        if (!operator.gameEnabled(game)) {
            throw new GatewayException(Errors.GAME_NOT_ENABLED);
        }
        if (games.maintenance(game).isPresent()) {
            throw new GatewayException(Errors.GAME_MAINTENANCE);
        }
        return operator;
    }

    /** The operator's member; locked members are refused when {@code mustBeUnlocked}. */
    public MemberStore.Member member(String operatorId, String userName, boolean mustBeUnlocked) {
        return admitted(members.find(operatorId, userName), mustBeUnlocked);
    }

    /**
     * The operator's member with its account at the game's provider, in one round trip; locked
     * members are refused when {@code mustBeUnlocked}.
     */
    public MemberStore.MemberAt memberAt(String operatorId, String userName, Game game, boolean mustBeUnlocked) {
        Optional<MemberStore.MemberAt> found = members.findAt(operatorId, userName, game);
        admitted(found.map(MemberStore.MemberAt::member), mustBeUnlocked);
        return found.orElseThrow();
    }

    private static MemberStore.Member admitted(Optional<MemberStore.Member> member, boolean mustBeUnlocked) {
        MemberStore.Member m = member.orElseThrow(() -> new GatewayException(Errors.USER_NOT_FOUND));
        if (mustBeUnlocked && m.locked()) {
            throw new GatewayException(Errors.USER_LOCKED);
        }
        return m;
    }

    /** The member's account at the game's provider, opening it (idempotently) when it is missing. */
    public String providerAccount(MemberStore.MemberAt found, Game game, String currency) {
        if (found.account() != null) {
            return found.account();
        }
        ProviderAdapter provider = providers.adapter(game);
        long memberId = found.member().memberId();
        String account = provider.accountName(memberId);
        provider.openAccount(account, currency);
        members.recordProviderAccount(memberId, game, account);
        return account;
    }
}
