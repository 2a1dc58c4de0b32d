package com.beiying.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only a contiguous prefix of finished records is ever committed. */
class PartitionProgressTest {

    @Test
    void aRecordFinishingEarlyDoesNotLetASlowerEarlierOneBeSkipped() {
        PartitionProgress p = new PartitionProgress();
        p.started(10);
        p.started(11);
        p.started(12);
        assertThat(p.committable()).isEqualTo(10);
        p.committedUpTo(10);
        assertThat(p.committable()).as("nothing new is safe").isEqualTo(-1);
        p.completed(12);
        p.completed(11);
        assertThat(p.committable()).as("10 still runs").isEqualTo(-1);
        p.completed(10);
        assertThat(p.committable()).isEqualTo(13);
        p.committedUpTo(13);
        assertThat(p.committable()).isEqualTo(-1);
        assertThat(p.inFlight()).isZero();
    }

    @Test
    void theCommitAdvancesAsThePrefixCompletes() {
        PartitionProgress p = new PartitionProgress();
        p.started(0);
        p.started(1);
        p.completed(0);
        assertThat(p.committable()).isEqualTo(1);
        p.committedUpTo(1);
        p.started(2);
        p.completed(2);
        assertThat(p.committable()).as("1 still runs").isEqualTo(-1);
        p.completed(1);
        assertThat(p.committable()).isEqualTo(3);
    }
}
