package com.beiying.gateway.worker.register;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.messaging.CommandKind;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.FieldInput;
import com.beiying.gateway.persistence.MemberDao;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.worker.CommandFields;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.FieldOpener;
import com.beiying.gateway.worker.FieldRules;
import com.beiying.gateway.worker.PasswordHasher;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/account/register}: stores a member with an Argon2id hash. A redelivered command
 * finds the member it created itself and answers as the first time did.
 */
public final class RegisterHandler implements CommandHandler {
    private final MemberStore members;
    private final FieldOpener opener;
    private final PasswordHasher hasher;

    /** Wires the handler. */
    public RegisterHandler(MemberStore members, FieldOpener opener, PasswordHasher hasher) {
        this.members = members;
        this.opener = opener;
        this.hasher = hasher;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.REGISTER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        CommandFields fields = new CommandFields(command, opener);
        String userName = FieldRules.userName(fields);
        String password = FieldRules.password(fields, RequestField.PASSWORD);
        // Refuse a taken name before paying for the hash.
        Optional<MemberStore.Member> existing = members.find(command.operatorId(), userName);
        if (existing.isPresent() && !existing.get().createdRequestId().equals(command.requestId())) {
            throw new GatewayException(Errors.USER_EXISTS);
        }
        String hash = hasher.hash(password);
        return handle -> {
            MemberDao dao = handle.attach(MemberDao.class);
            long memberId = dao.insert(command.operatorId(), userName, hash, command.requestId())
                    .orElseGet(() -> MemberStore.find(handle, command.operatorId(), userName)
                            .filter(m -> m.createdRequestId().equals(command.requestId()))
                            .map(MemberStore.Member::memberId)
                            .orElseThrow(() -> new GatewayException(Errors.USER_EXISTS)));
            return Outcome.success(Map.of("UserName", FieldInput.string(userName),
                    "UserId", FieldInput.number(Long.toString(memberId))));
        };
    }
}
