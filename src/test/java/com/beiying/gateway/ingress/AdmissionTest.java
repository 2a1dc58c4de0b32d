package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
