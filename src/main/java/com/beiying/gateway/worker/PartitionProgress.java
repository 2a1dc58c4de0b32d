package com.beiying.gateway.worker;

import java.util.TreeSet;

/**
 * Offsets of one partition in flight, so that only a contiguous prefix of completed records is
 * ever committed: a record finishing early never lets a slower earlier one be skipped on restart.
 * Used by the poll thread only.
 */
final class PartitionProgress {
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long nextToCommit = -1;
    private long committed = -1;

    void started(long offset) {
        inFlight.add(offset);
        if (nextToCommit < 0) {
            nextToCommit = offset;
        }
    }

    void completed(long offset) {
        inFlight.remove(offset);
        nextToCommit = Math.max(nextToCommit, offset + 1);
    }

    /** The offset to commit now (the first record not yet done), or -1 when nothing new is safe. */
    long committable() {
        long safe = inFlight.isEmpty() ? nextToCommit : inFlight.first();
        return safe > committed ? safe : -1;
    }

    void committedUpTo(long offset) {
        committed = Math.max(committed, offset);
    }

    int inFlight() {
        return inFlight.size();
    }
}
