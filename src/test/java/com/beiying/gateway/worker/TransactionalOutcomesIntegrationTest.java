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
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands committing at the same time share transactions (their rows carry the same
 * {@code xmin}, the id of the transaction that wrote them), and each still gets exactly its own
 * reply and effects: a command that fails, or whose request another execution completed first,
 * leaves nothing behind and costs the others of its batch nothing.
 */
class TransactionalOutcomesIntegrationTest extends IntegrationTest {
    private static final int COMMANDS = 48;

    @Autowired
    private ReplyStore replies;

    private final ExecutorService workers = Executors.newFixedThreadPool(COMMANDS);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void concurrentCommandsShareTransactionsAndEachCommitsItsOwnReplyAndEffects() throws Exception {
        String op = admin().createLoopback("").operatorId();
        List<Future<Optional<ReplyMessage>>> results = commitTogether(new TransactionalOutcomes(jdbi, replies), op, -1);

        for (int i = 0; i < COMMANDS; i++) {
            ReplyMessage reply = results.get(i).get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(reply.requestId()).isEqualTo(requestId(i));
            assertThat(reply.result()).containsEntry("N", FieldInput.number(Integer.toString(i)));
            assertThat(replies.reply(op, requestId(i)))
                    .hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(reply.result()));
        }
        assertThat(markers(op)).isEqualTo(COMMANDS);
        assertThat(transactions(op)).isBetween(1L, COMMANDS - 1L);
    }

    @Test
    void aFailingCommandFailsAloneAndTheOthersOfItsBatchCommit() throws Exception {
        String op = admin().createLoopback("").operatorId();
        int failing = 7;
        List<Future<Optional<ReplyMessage>>> results = commitTogether(new TransactionalOutcomes(jdbi, replies), op, failing);

        for (int i = 0; i < COMMANDS; i++) {
            if (i == failing) {
                assertThatThrownBy(() -> results.get(failing).get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(GatewayException.class,
                                g -> assertThat(g.error()).isEqualTo(Errors.INSUFFICIENT_CREDIT));
            } else {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isPresent();
            }
        }
        assertThat(count("SELECT count(*) FROM request_nonces WHERE operator_id = ? AND nonce = ?", op, "effect-" + failing))
                .isZero();
        assertThat(count("SELECT count(*) FROM requests WHERE operator_id = ? AND request_id = ?", op, requestId(failing)))
                .isZero();
        assertThat(markers(op)).isEqualTo(COMMANDS - 1);
        assertThat(transactions(op)).isBetween(1L, COMMANDS - 2L);
    }

    @Test
    void aRequestCompletedElsewhereFirstAnswersEmptyAndRollsBackOnlyItsOwnEffects() throws Exception {
        String op = admin().createLoopback("").operatorId();
        int raced = 3;
        ReplyMessage winner = Replies.of(command(op, raced), Outcome.success(Map.of("Winner", FieldInput.bool(true))));
        assertThat(replies.complete(winner)).isTrue();

        List<Future<Optional<ReplyMessage>>> results = commitTogether(new TransactionalOutcomes(jdbi, replies), op, -1);

        for (int i = 0; i < COMMANDS; i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS).isEmpty()).as("command %d answered empty", i)
                    .isEqualTo(i == raced);
        }
        assertThat(replies.reply(op, requestId(raced)))
                .hasValueSatisfying(stored -> assertThat(stored.result()).isEqualTo(winner.result()));
        assertThat(count("SELECT count(*) FROM request_nonces WHERE operator_id = ? AND nonce = ?", op, "effect-" + raced))
                .isZero();
        assertThat(markers(op)).isEqualTo(COMMANDS - 1);
    }

    /**
     * Commits COMMANDS commands from as many threads released together; each one's effects write a
     * marker row and take a few milliseconds, so that the commands arriving meanwhile queue into
     * batches. The command numbered {@code failing} writes its marker and then refuses.
     */
    private List<Future<Optional<ReplyMessage>>> commitTogether(TransactionalOutcomes outcomes, String op, int failing) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<ReplyMessage>>> results = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            int n = i;
            results.add(workers.submit(() -> {
                go.await();
                return outcomes.commit(command(op, n), h -> {
                    mark(h, op, n);
                    if (n == failing) {
                        throw new GatewayException(Errors.INSUFFICIENT_CREDIT);
                    }
                    return Outcome.success(Map.of("N", FieldInput.number(Integer.toString(n))));
                });
            }));
        }
        go.countDown();
        return results;
    }

    private static void mark(Handle h, String op, int n) {
        h.createUpdate("INSERT INTO request_nonces (operator_id, nonce, expires_at)"
                        + " VALUES (:op, :nonce, now() + interval '1 hour')").bind("op", op).bind("nonce", "effect-" + n).execute();
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The effects' marker rows the operator's commands left. */
    private long markers(String op) {
        return count("SELECT count(*) FROM request_nonces WHERE operator_id = ? AND nonce LIKE 'effect-%'", op);
    }

    /** How many transactions wrote the operator's request rows. */
    private long transactions(String op) {
        return count("SELECT count(DISTINCT xmin::text) FROM requests WHERE operator_id = ?", op);
    }

    private static String requestId(int n) {
        return "batched-" + n;
    }

    private static CommandMessage command(String op, int n) {
        return new CommandMessage(requestId(n), op, CommandKind.REGISTER, Language.EN, Map.of(), null, Instant.now());
    }
}
