package com.beiying.gateway.worker.bets;

import com.beiying.gateway.bets.BetQueries;
import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldOpener;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.worker.CommandHandler;
import com.beiying.gateway.worker.MemberGate;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bet-record reads as commands (Kafka-native operators, and HTTP when the ingress is set to
 * send them through Kafka): validate, read, answer. They change nothing, so their effects only
 * store the reply.
 */
final class BetQueryHandler implements CommandHandler {
    private final CommandKind kind;
    private final BiFunction<Operator, Fields, Map<String, FieldInput>> query;
    private final MemberGate gate;
    private final FieldOpener opener;

    BetQueryHandler(CommandKind kind, BiFunction<Operator, Fields, Map<String, FieldInput>> query, MemberGate gate,
                    FieldOpener opener) {
        this.kind = kind;
        this.query = query;
        this.gate = gate;
        this.opener = opener;
    }

    @Override
    public CommandKind kind() {
        return kind;
    }

    @Override
    public Effects prepare(CommandMessage command) {
        Operator operator = gate.operator(command.operatorId());
        Map<String, FieldInput> result = query.apply(operator, opener.fields(command.operatorId(), command.requestId(),
                command.fields()));
        return handle -> Outcome.success(result);
    }

    /** One handler per read. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.WORKER)
    static class Handlers {
        @Bean
        CommandHandler betRecordsHandler(BetQueries queries, MemberGate gate, FieldOpener opener) {
            return new BetQueryHandler(CommandKind.BET_RECORDS, queries::records, gate, opener);
        }

        @Bean
        CommandHandler betFeedHandler(BetQueries queries, MemberGate gate, FieldOpener opener) {
            return new BetQueryHandler(CommandKind.BET_FEED, queries::feed, gate, opener);
        }

        @Bean
        CommandHandler betRecordHandler(BetQueries queries, MemberGate gate, FieldOpener opener) {
            return new BetQueryHandler(CommandKind.BET_RECORD, queries::record, gate, opener);
        }
    }
}
