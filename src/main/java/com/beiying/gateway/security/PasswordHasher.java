package com.beiying.gateway.security;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): slow enough to make a
 * stolen hash expensive, fast enough (tens of ms) for registration throughput.
 *
 * <p>Each hash is CPU-bound and holds 19 MiB of heap, so no more run at once than there are cores:
 * more would not finish sooner, and a burst of registrations on all worker threads would need
 * 32 × 19 MiB of heap at once.
 *
 * <p>The semaphore is fair: hashes are granted in the order they asked. An unfair one let a newly
 * arrived hash overtake those already waiting, and under a burst of registrations a command thread
 * waited up to 3.8 s for its turn (JFR, 256 concurrent registrations, docs/performance.md) while
 * the average wait was a fraction of that: the reply timed out though the cores kept up.
 */
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /** A salted hash in PHC string form. */
    public String hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    /** Whether the password matches the hash. */
    public boolean matches(String password, String hash) {
        return bounded(() -> encoder.matches(password, hash));
    }

    private <T> T bounded(Supplier<T> work) {
        running.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
