package com.beiying.gateway.worker;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): slow enough to make a
 * stolen hash expensive, fast enough (tens of ms) for registration throughput.
 */
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** A salted hash in PHC string form. */
    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches the hash. */
    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }
}
