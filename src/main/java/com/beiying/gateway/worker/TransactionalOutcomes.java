package com.beiying.gateway.worker;

import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Replies;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.persistence.GroupCommit;
import com.beiying.gateway.persistence.SqlFailures;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The correlation store of production: a command's effects and its reply commit in one
 * transaction. The commits of commands running at the same time (different members: the
 * {@link KeyedExecutor} runs one member's commands one after another) share one transaction
 * through {@link GroupCommit}, outbox rows included, so a busy worker pays one commit for many
 * commands and a lone command still commits at once.
 * <p>
 * A batch is all or nothing: when any of its commands fails (a catalogued refusal thrown by its
 * effects, a request another execution completed first, a constraint), the batch rolls back and
 * each command commits again on its own, exactly as it would have without batching, so one failing
 * command fails only itself. Effects only write through the handle they are given (the outbox's
 * relay wake-up runs after the commit), so running them a second time after the rollback is safe.
 * <p>
 * Within a batch the commands run ordered by operator: a transfer's settlement locks its
 * operator's credit line, and two batches that took two operators' lines in opposite orders could
 * deadlock. A deadlock left possible (an order the resolver is settling at the same moment) is
 * ended by PostgreSQL's detector and the batch's commands then commit one by one.
 */
final class TransactionalOutcomes implements CommandDispatcher.Outcomes {
    /** Batches committing at the same time: a few, well under the connection pool the worker shares. */
    private static final int BATCHES_IN_FLIGHT = 4;
    private static final int BATCH_MAX = 32;

    private final Jdbi jdbi;
    private final ReplyStore replies;
    private final GroupCommit<Pending, Optional<ReplyMessage>> commits;

    TransactionalOutcomes(Jdbi jdbi, ReplyStore replies) {
        this.jdbi = jdbi;
        this.replies = replies;
        this.commits = new GroupCommit<>(this::commitAll, this::commitOne, TransactionalOutcomes::oneCommandsFault,
                BATCHES_IN_FLIGHT, BATCH_MAX);
    }

    /** A command waiting to commit, with its effects. */
    private record Pending(CommandMessage command, CommandHandler.Effects effects) {
    }

    @Override
    public Optional<ReplyMessage> stored(CommandMessage command) {
        return replies.reply(command.operatorId(), command.requestId());
    }

    @Override
    public boolean complete(ReplyMessage reply) {
        return replies.complete(reply);
    }

    @Override
    public Optional<ReplyMessage> commit(CommandMessage command, CommandHandler.Effects effects) {
        return commits.submit(new Pending(command, effects));
    }

    /** One command in its own transaction; empty when another execution completed its request first. */
    private Optional<ReplyMessage> commitOne(Pending p) {
        try {
            return Optional.of(jdbi.inTransaction(h -> apply(h, p)));
        } catch (AlreadyCompleted done) {
            return Optional.empty();
        }
    }

    /** Several commands in one transaction, in operator order; throws, rolling all back, if any of them fails. */
    private List<Optional<ReplyMessage>> commitAll(List<Pending> batch) {
        ReplyMessage[] out = new ReplyMessage[batch.size()];
        int[] order = IntStream.range(0, batch.size()).boxed()
                .sorted(Comparator.comparing(i -> batch.get(i).command().operatorId()))
                .mapToInt(Integer::intValue).toArray();
        jdbi.useTransaction(h -> {
            for (int i : order) {
                out[i] = apply(h, batch.get(i));
            }
        });
        return Arrays.stream(out).map(Optional::of).toList();
    }

    private ReplyMessage apply(Handle h, Pending p) {
        ReplyMessage reply = Replies.of(p.command(), p.effects().apply(h));
        if (!replies.complete(h, reply)) {
            throw new AlreadyCompleted();
        }
        return reply;
    }

    /**
     * Whether a failed batch is worth committing command by command: yes, unless the database
     * could not be reached (no connection from the pool, SQLState class 08), which each command on
     * its own would meet again after as long a wait.
     */
    static boolean oneCommandsFault(RuntimeException e) {
        return !SqlFailures.unreachable(e);
    }

    /** Another execution committed this request first; ours must roll back. */
    private static final class AlreadyCompleted extends RuntimeException {
        AlreadyCompleted() {
            super(null, null, false, false);
        }
    }
}
