package com.beiying.gateway.worker.account;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.MemberGate;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code POST /v1/account/lock}: a locked member cannot log in or transfer until unlocked. */
@Component
@ConditionalOnRole(Role.WORKER)
class LockHandler implements CommandHandler {
    private final FieldOpener opener;
    private final MemberGate gate;
    private final EventOutbox events;
    private final Clock clock;

    LockHandler(FieldOpener opener, MemberGate gate, EventOutbox events, Clock clock) {
        this.opener = opener;
        this.gate = gate;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.LOCK;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        boolean lock = FieldRules.lock(fields);
        MemberStore.Member member = gate.member(command.operatorId(), userName, false);
        return handle -> {
            MemberStore.setLocked(handle, member.memberId(), lock);
            events.append(handle, EventMessage.of(command.operatorId(), userName, command.requestId(), command.requestId(),
                    clock.instant(), new EventMessage.MemberLocked(lock)));
            return Outcome.success(Map.of("Locked", FieldInput.bool(lock)));
        };
    }
}
