package com.beiying.gateway.archfixture.a;

import com.beiying.gateway.archfixture.b.Pong;

/** Half of a deliberate package cycle: proves the cycle rule can fail. */
public final class Ping {
    /** Depends on the other package. */
    public Pong pong() {
        return new Pong();
    }
}
