package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.Operator;
import com.beiying.gateway.provider.Game;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.worker.CommandFields;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.FieldOpener;
import com.beiying.gateway.worker.FieldRules;
import com.beiying.gateway.worker.MemberGate;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** {@code POST /v1/account/balance}: the member's balance at the game's provider, as a decimal string. */
public final class BalanceHandler implements CommandHandler {
    private final FieldOpener opener;
    private final MemberGate gate;
    private final ProviderRegistry providers;

    /** Wires the handler. */
    public BalanceHandler(FieldOpener opener, MemberGate gate, ProviderRegistry providers) {
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
        CommandFields fields = new CommandFields(command, opener);
        String userName = FieldRules.userName(fields);
        Game game = FieldRules.game(fields);
        Operator operator = gate.operatorFor(command.operatorId(), game);
        MemberStore.MemberAt found = gate.memberAt(command.operatorId(), userName, game, false);
        // A member who never played this game has no account there, and so nothing in it.
        BigDecimal balance = Optional.ofNullable(found.account()).map(a -> providers.adapter(game).balance(a))
                .orElse(new BigDecimal("0.00"));
        return handle -> Outcome.success(Map.of("Balance", FieldInput.string(balance.toPlainString()),
                "Currency", FieldInput.string(operator.currency())));
    }
}
