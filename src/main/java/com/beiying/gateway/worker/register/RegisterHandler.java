package com.beiying.gateway.worker.register;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.EventOutbox;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.security.PasswordHasher;
import com.beiying.gateway.worker.CommandHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/account/register}: stores a member with an Argon2id hash. A redelivered command
 * finds the member it created itself and answers as the first time did.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class RegisterHandler implements CommandHandler {
    private final MemberStore members;
    private final FieldOpener opener;
    private final PasswordHasher hasher;
    private final EventOutbox events;
    private final Clock clock;

    RegisterHandler(MemberStore members, FieldOpener opener, PasswordHasher hasher, EventOutbox events, Clock clock) {
        this.members = members;
        this.opener = opener;
        this.hasher = hasher;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.REGISTER;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        String password = FieldRules.password(fields, RequestField.PASSWORD);
        // Refuse a taken name before paying for the hash.
        if (takenByAnother(members.find(command.operatorId(), userName), command.requestId())) {
            throw new GatewayException(Errors.USER_EXISTS);
        }
        String hash = hasher.hash(password);
        return handle -> {
            long memberId = MemberStore.insert(handle, command.operatorId(), userName, hash, command.requestId())
                    .orElseGet(() -> MemberStore.find(handle, command.operatorId(), userName)
                            .filter(m -> !takenByAnother(Optional.of(m), command.requestId()))
                            .map(MemberStore.Member::memberId)
                            .orElseThrow(() -> new GatewayException(Errors.USER_EXISTS)));
            events.append(handle, EventMessage.of(command.operatorId(), userName, command.requestId(), command.requestId(),
                    clock.instant(), new EventMessage.MemberRegistered(memberId)));
            return Outcome.success(Map.of("UserName", FieldInput.string(userName),
                    "UserId", FieldInput.number(Long.toString(memberId))));
        };
    }

    /** Whether the name belongs to a member that another request created (this one's own redelivery is no conflict). */
    static boolean takenByAnother(Optional<MemberStore.Member> existing, String requestId) {
        return existing.isPresent() && !existing.get().createdRequestId().equals(requestId);
    }
}
