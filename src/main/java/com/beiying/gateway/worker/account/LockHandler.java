package com.beiying.gateway.worker.account;

import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.persistence.MemberDao;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.worker.CommandFields;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.FieldOpener;
import com.beiying.gateway.worker.FieldRules;
import com.beiying.gateway.worker.MemberGate;
import java.util.Map;

/** {@code POST /v1/account/lock}: a locked member cannot log in or transfer until unlocked. */
public final class LockHandler implements CommandHandler {
    private final FieldOpener opener;
    private final MemberGate gate;

    /** Wires the handler. */
    public LockHandler(FieldOpener opener, MemberGate gate) {
        this.opener = opener;
        this.gate = gate;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.LOCK;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        CommandFields fields = new CommandFields(command, opener);
        String userName = FieldRules.userName(fields);
        boolean lock = FieldRules.lock(fields);
        MemberStore.Member member = gate.member(command.operatorId(), userName, false);
        return handle -> {
            handle.attach(MemberDao.class).setLocked(member.memberId(), lock);
            return Outcome.success(Map.of("Locked", FieldInput.bool(lock)));
        };
    }
}
