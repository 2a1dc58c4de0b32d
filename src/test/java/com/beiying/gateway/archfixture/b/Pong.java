package com.beiying.gateway.archfixture.b;

import com.beiying.gateway.archfixture.a.Ping;

/** The other half of the deliberate cycle. */
public final class Pong {
    /** Depends back on the first package. */
    public Ping ping() {
        return new Ping();
    }
}
