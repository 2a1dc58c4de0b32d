package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The admission decision: room while the limit allows, none beyond it, and a limit that learns from timeouts. */
class AdmissionTest {

    @Test
    void admitsUpToTheLimitAndRefusesTheNextAtOnce() {
        Admission admission = new Admission(2, Duration.ofSeconds(5));
        CompletableFuture<String> first = new CompletableFuture<>();
        admission.enter().orElseThrow().track(first);
        admission.enter().orElseThrow().track(new CompletableFuture<String>());
        assertThat(admission.enter()).as("a third, while two are in flight").isEmpty();
        first.complete("answered");
        assertThat(admission.inFlight()).isEqualTo(1);
        assertThat(admission.enter()).as("the place the answered one gave back").isPresent();
    }

    @Test
    void aTimeoutHalvesTheLimit() {
        Admission admission = new Admission(8, Duration.ofSeconds(5));
        CompletableFuture<String> timedOut = new CompletableFuture<>();
        CompletableFuture<String> tracked = admission.enter().orElseThrow().track(timedOut);
        timedOut.completeExceptionally(new GatewayException(Errors.REPLY_TIMEOUT));
        assertThat(tracked).isCompletedExceptionally();
        assertThat(admission.limit()).isEqualTo(4);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void anAnswerSlowerThanAQuarterOfTheReplyTimeoutHalvesTheLimitAndAFasterOneGrowsIt() {
        AtomicLong now = new AtomicLong();
        Admission admission = new Admission(8, Duration.ofSeconds(4), now::get);
        // Eight in flight: the limit in use, so a quick answer of the last one admitted may grow it.
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            admission.enter().orElseThrow().track(reply);
            replies.add(reply);
        }
        now.addAndGet(Duration.ofMillis(999).toNanos());
        replies.get(7).complete("within a quarter of 4 s");
        assertThat(admission.limit()).isEqualTo(9);

        now.addAndGet(Duration.ofMillis(2).toNanos());
        replies.get(6).complete("answered, but after 1.001 s: before the timeout, too late for the margin");
        assertThat(admission.limit()).isEqualTo(4);
    }

    @Test
    void aCommandKafkaRefusedTeachesNothing() {
        Admission admission = new Admission(8, Duration.ofSeconds(5));
        CompletableFuture<String> refused = new CompletableFuture<>();
        admission.enter().orElseThrow().track(refused);
        refused.completeExceptionally(new GatewayException(Errors.INTERNAL_ERROR));
        assertThat(admission.limit()).isEqualTo(8);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new Admission(0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu-bound-in-flight");
    }
}
