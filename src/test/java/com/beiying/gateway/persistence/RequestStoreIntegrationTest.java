package com.beiying.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The group-committed admission answers each request as its own statement would, in the database. */
class RequestStoreIntegrationTest extends IntegrationTest {
    @Autowired
    private RequestStore store;

    @Test
    void aBatchAnswersAndStoresWhatTheSameAdmissionsOneByOneWould() {
        // Two operators that exist nowhere else, so that each side of the comparison starts from nothing.
        List<RequestStore.Acceptance> batched = store.admitAll(scenario(operator()));
        String single = operator();
        List<RequestStore.Acceptance> oneByOne = new ArrayList<>();
        for (RequestStore.Admit a : scenario(single)) {
            oneByOne.add(store.admitOne(a));
        }

        assertThat(batched).isEqualTo(oneByOne).containsExactly(
                new RequestStore.Acceptance(true, true),    // a new request
                new RequestStore.Acceptance(false, false),  // its nonce again, another request id: nothing
                new RequestStore.Acceptance(true, false),   // a fresh nonce, the first request's id: no second row
                new RequestStore.Acceptance(true, false),   // a nonce alone (a GET)
                new RequestStore.Acceptance(false, false),  // that nonce again, with a request: nothing
                new RequestStore.Acceptance(true, true),    // a second new request
                new RequestStore.Acceptance(false, false)); // a nonce used before the batch
    }

    @Test
    void theRowsABatchWritesAreTheRowsSingleStatementsWouldWrite() {
        String batchOperator = operator();
        String singleOperator = operator();
        store.admitAll(scenario(batchOperator));
        scenario(singleOperator).forEach(store::admitOne);

        String requests = "SELECT request_id || ' ' || command_type || ' ' || status || ' ' || coalesce(encode(fingerprint, 'hex'), '-')"
                + " FROM requests WHERE operator_id = ? ORDER BY request_id";
        assertThat(queryStrings(requests, batchOperator)).hasSize(2).isEqualTo(queryStrings(requests, singleOperator));
        assertThat(queryStrings("SELECT nonce || ' ' || expires_at FROM request_nonces WHERE operator_id = ? ORDER BY nonce",
                batchOperator))
                .hasSize(5)
                .isEqualTo(queryStrings("SELECT nonce || ' ' || expires_at FROM request_nonces WHERE operator_id = ?"
                        + " ORDER BY nonce", singleOperator));
    }

    @Test
    void concurrentCallersAreEachAnsweredForTheirOwnRequest() throws Exception {
        String operator = operator();
        Instant expiry = Instant.now().plus(5, ChronoUnit.MINUTES);
        List<Thread> threads = new ArrayList<>();
        List<RequestStore.Acceptance> answers = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 64; i++) {
            // Pairs share a request id under different nonces: exactly one of each pair creates the row.
            String requestId = "rq-" + (i / 2);
            String nonce = "n-" + i;
            Thread t = new Thread(() -> answers.add(store.accept(operator, requestId, "LOGIN", nonce, expiry,
                    requestId.getBytes(StandardCharsets.UTF_8))));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(answers).hasSize(64).allMatch(RequestStore.Acceptance::nonceFresh);
        assertThat(answers.stream().filter(RequestStore.Acceptance::created)).hasSize(32);
        assertThat(count("SELECT count(*) FROM requests WHERE operator_id = ?", operator)).isEqualTo(32);
        assertThat(count("SELECT count(*) FROM request_nonces WHERE operator_id = ?", operator)).isEqualTo(64);
    }

    private List<RequestStore.Admit> scenario(String operator) {
        Instant expiry = Instant.parse("2030-01-01T00:00:00.123456Z");
        store.useNonce(operator, "used-before", expiry);
        byte[] fp = {1, 2, 3};
        return List.of(
                new RequestStore.Admit(operator, "n1", expiry, "r1", "LOGIN", fp),
                new RequestStore.Admit(operator, "n1", expiry, "r2", "LOGIN", fp),
                new RequestStore.Admit(operator, "n2", expiry.plusSeconds(1), "r1", "TRANSFER", null),
                new RequestStore.Admit(operator, "n3", expiry, null, null, null),
                new RequestStore.Admit(operator, "n3", expiry, "r3", "LOGIN", fp),
                new RequestStore.Admit(operator, "n4", expiry, "r4", "REGISTER", null),
                new RequestStore.Admit(operator, "used-before", expiry, "r5", "LOGIN", fp));
    }

    private static String operator() {
        return "op-" + UUID.randomUUID();
    }
}
