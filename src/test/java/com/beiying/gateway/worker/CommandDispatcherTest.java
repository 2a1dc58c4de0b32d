package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.messaging.Replies;
import com.beiying.gateway.messaging.ReplyMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's decisions: a stored outcome is republished and nothing runs; otherwise the
 * handler runs once and its outcome, success or catalogued error, is committed before it is
 * published; losing a race to another execution answers with the winner's reply.
 */
class CommandDispatcherTest {
    /** The correlation store as the dispatcher sees it, kept in a map for these decisions. */
    private static final class StoredOutcomes implements CommandDispatcher.Outcomes {
        final Map<String, ReplyMessage> byCorrelation = new HashMap<>();
        boolean loseNextRace;

        @Override
        public Optional<ReplyMessage> stored(CommandMessage command) {
            return Optional.ofNullable(byCorrelation.get(command.correlationId()));
        }

        @Override
        public boolean complete(ReplyMessage reply) {
            return byCorrelation.putIfAbsent(reply.correlationId(), reply) == null;
        }

        @Override
        public Optional<ReplyMessage> commit(CommandMessage command, CommandHandler.Effects effects) {
            if (loseNextRace) {
                byCorrelation.put(command.correlationId(), Replies.of(command, Outcome.success(Map.of("Winner", FieldInput.bool(true)))));
                return Optional.empty();
            }
            ReplyMessage reply = Replies.of(command, effects.apply(null));
            return complete(reply) ? Optional.of(reply) : Optional.empty();
        }
    }

    private record Published(String topic, String key, ReplyMessage reply) {
    }

    private final StoredOutcomes outcomes = new StoredOutcomes();
    private final List<Published> published = new ArrayList<>();
    private final AtomicInteger prepared = new AtomicInteger();

    private CommandDispatcher dispatcher(CommandHandler.Effects effects) {
        CommandHandler register = handler(CommandKind.REGISTER, command -> {
            prepared.incrementAndGet();
            return effects;
        });
        CommandHandler refusing = handler(CommandKind.LOGIN, command -> {
            throw new GatewayException(Errors.USER_NOT_FOUND);
        });
        return new CommandDispatcher(outcomes, List.of(register, refusing), (topic, key, reply) -> published.add(new Published(topic, key, reply)));
    }

    private static CommandHandler handler(CommandKind kind, Function<CommandMessage, CommandHandler.Effects> prepare) {
        return new CommandHandler() {
            @Override
            public CommandKind kind() {
                return kind;
            }

            @Override
            public Effects prepare(CommandMessage command) {
                return prepare.apply(command);
            }
        };
    }

    private static CommandMessage command(CommandKind kind, String requestId) {
        return new CommandMessage(requestId, "op1", kind, Language.EN, Map.of(), null, Instant.now());
    }

    @Test
    void aSuccessIsCommittedThenPublishedUnderTheRecordsKey() {
        dispatcher(h -> Outcome.success(Map.of("UserId", FieldInput.number("7")))).dispatch("op1:alice", command(CommandKind.REGISTER, "r1"), "replies");
        assertThat(published).hasSize(1);
        Published p = published.get(0);
        assertThat(p.topic()).isEqualTo("replies");
        assertThat(p.key()).isEqualTo("op1:alice");
        assertThat(p.reply().success()).isTrue();
        assertThat(p.reply().result()).containsEntry("UserId", FieldInput.number("7"));
        assertThat(outcomes.byCorrelation).containsEntry("op1:r1", p.reply());
    }

    @Test
    void aStoredOutcomeIsRepublishedAndNothingRunsAgain() {
        CommandDispatcher dispatcher = dispatcher(h -> Outcome.success(Map.of()));
        dispatcher.dispatch("k", command(CommandKind.REGISTER, "r1"), "replies");
        dispatcher.dispatch("k", command(CommandKind.REGISTER, "r1"), "replies");
        assertThat(prepared).hasValue(1);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).reply()).isEqualTo(published.get(0).reply());
    }

    @Test
    void aRefusalIsACommittedErrorReply() {
        dispatcher(h -> Outcome.success(Map.of())).dispatch("k", command(CommandKind.LOGIN, "r2"), "replies");
        ReplyMessage reply = published.get(0).reply();
        assertThat(reply.success()).isFalse();
        assertThat(reply.errorName()).isEqualTo(Errors.USER_NOT_FOUND.name());
        assertThat(reply.code()).isEqualTo(Errors.USER_NOT_FOUND.code(null));
        assertThat(outcomes.byCorrelation).containsKey("op1:r2");
    }

    @Test
    void effectsThatRefuseRollBackIntoAnErrorReply() {
        dispatcher(h -> {
            throw new GatewayException(Errors.USER_EXISTS);
        }).dispatch("k", command(CommandKind.REGISTER, "r3"), "replies");
        assertThat(published.get(0).reply().errorName()).isEqualTo(Errors.USER_EXISTS.name());
    }

    @Test
    void losingTheRaceAnswersWithTheWinnersReply() {
        outcomes.loseNextRace = true;
        dispatcher(h -> Outcome.success(Map.of())).dispatch("k", command(CommandKind.REGISTER, "r4"), "replies");
        assertThat(published.get(0).reply().result()).containsEntry("Winner", FieldInput.bool(true));
    }

    @Test
    void aKindWithoutHandlerIsRefusedNotRun() {
        dispatcher(h -> Outcome.success(Map.of())).dispatch("k", command(CommandKind.ORDER, "r5"), "replies");
        assertThat(published.get(0).reply().success()).isFalse();
        assertThat(prepared).hasValue(0);
    }

    @Test
    void aCommandThatFailedForGoodIsAnsweredSoItsCallerIsNotLeftWaiting() {
        dispatcher(h -> Outcome.success(Map.of())).fail("k", command(CommandKind.REGISTER, "r6"), "replies", new IllegalStateException("boom"));
        assertThat(published.get(0).reply().errorName()).isEqualTo(Errors.INTERNAL_ERROR.name());
    }

    @Test
    void twoHandlersOfOneKindAreAWiringError() {
        CommandHandler a = handler(CommandKind.LOCK, c -> h -> Outcome.success(Map.of()));
        assertThatThrownBy(() -> new CommandDispatcher(outcomes, List.of(a, a), (t, k, r) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
