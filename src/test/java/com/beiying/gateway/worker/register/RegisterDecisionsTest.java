package com.beiying.gateway.worker.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.persistence.MemberStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A taken name is EXISTSUSER, unless this very request took it (a redelivery). */
class RegisterDecisionsTest {
    private static MemberStore.Member createdBy(String requestId) {
        return new MemberStore.Member(1, "op1", "alice01", "hash", false, requestId);
    }

    @Test
    void aNameIsTakenOnlyByAnotherRequest() {
        assertThat(RegisterHandler.takenByAnother(Optional.empty(), "r1")).isFalse();
        assertThat(RegisterHandler.takenByAnother(Optional.of(createdBy("r1")), "r1")).isFalse();
        assertThat(RegisterHandler.takenByAnother(Optional.of(createdBy("r0")), "r1")).isTrue();
    }
}
