package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.MemberGate;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code POST /v1/account/balance}: the member's balance at the game's provider, as a decimal string. */
@Component
@ConditionalOnRole(Role.WORKER)
class BalanceHandler implements CommandHandler {
    private static final BigDecimal NOTHING = new BigDecimal("0.00");

    private final FieldOpener opener;
    private final MemberGate gate;
    private final ProviderRegistry providers;

    BalanceHandler(FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
        this.opener = opener;
        this.gate = gate;
        this.providers = providers;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.BALANCE;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        Game game = FieldRules.game(fields);
        Operator operator = gate.operatorFor(command.operatorId(), game);
        MemberStore.MemberAt found = gate.memberAt(command.operatorId(), userName, game, false);
        // A member who never played this game has no account there, and so nothing in it.
        BigDecimal balance = found.account() == null ? NOTHING : providers.adapter(game).balance(found.account());
        return handle -> Outcome.success(Map.of("Balance", FieldInput.string(balance.toPlainString()),
                "Currency", FieldInput.string(operator.currency())));
    }
}
