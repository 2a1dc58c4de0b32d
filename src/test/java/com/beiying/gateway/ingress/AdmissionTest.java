package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The admission decision: room while the limit allows, BUSY at once beyond it, and a limit that learns from timeouts. */
class AdmissionTest {

    @Test
    void admitsUpToTheLimitAndRefusesTheNextAtOnce() {
        Admission admission = new Admission(2, Duration.ofSeconds(5));
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        admission.admit(() -> first);
        admission.admit(() -> second);
        assertThatThrownBy(() -> admission.admit(CompletableFuture::new)).as("the third, while two are in flight")
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.GATEWAY_BUSY));
        first.complete("answered");
        assertThat(admission.inFlight()).isEqualTo(1);
        admission.admit(() -> CompletableFuture.completedFuture("answered at once"));
        assertThat(admission.inFlight()).isEqualTo(1);
    }

    @Test
    void aTimeoutHalvesTheLimit() {
        Admission admission = new Admission(8, Duration.ofSeconds(5));
        CompletableFuture<String> timedOut = new CompletableFuture<>();
        CompletableFuture<String> admitted = admission.admit(() -> timedOut);
        timedOut.completeExceptionally(new GatewayException(Errors.REPLY_TIMEOUT));
        assertThat(admitted).isCompletedExceptionally();
        assertThat(admission.limit()).isEqualTo(4);
    }

    @Test
    void aCommandRefusedBeforeItRanTeachesNothing() {
        Admission admission = new Admission(8, Duration.ofSeconds(5));
        assertThatThrownBy(() -> admission.admit(() -> {
            throw new GatewayException(Errors.NONCE_REUSED);
        })).isInstanceOf(GatewayException.class);
        assertThat(admission.limit()).isEqualTo(8);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new Admission(0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu-bound-in-flight");
    }
}
