package com.beiying.gateway.worker.account;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
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
import com.beiying.gateway.worker.MemberGate;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code POST /v1/account/password}: the current password must match (else RGS 2012) and the new
 * one must differ from it (else RGS 2025) and follow the password rules.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class PasswordHandler implements CommandHandler {
    private final FieldOpener opener;
    private final MemberGate gate;
    private final PasswordHasher hasher;
    private final EventOutbox events;
    private final Clock clock;

    PasswordHandler(FieldOpener opener, MemberGate gate, PasswordHasher hasher, EventOutbox events, Clock clock) {
        this.opener = opener;
        this.gate = gate;
        this.hasher = hasher;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CommandKind kind() {
        return CommandKind.PASSWORD;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Fields fields = opener.fields(command.operatorId(), command.requestId(), command.fields());
        String userName = FieldRules.userName(fields);
        String current = fields.requiredString(RequestField.PASSWORD);
        String next = FieldRules.password(fields, RequestField.NEW_PASSWORD);
        MemberStore.Member member = gate.member(command.operatorId(), userName, false);
        if (!hasher.matches(current, member.passwordHash())) {
            throw new GatewayException(Errors.WRONG_PASSWORD);
        }
        if (next.equals(current)) {
            throw new GatewayException(Errors.SAME_PASSWORD);
        }
        String hash = hasher.hash(next);
        return handle -> {
            MemberStore.setPasswordHash(handle, member.memberId(), hash);
            events.append(handle, EventMessage.of(command.operatorId(), userName, command.requestId(), command.requestId(),
                    clock.instant(), new EventMessage.PasswordChanged()));
            return Outcome.success(Map.of());
        };
    }
}
