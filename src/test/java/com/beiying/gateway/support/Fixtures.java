package com.beiying.gateway.support;

import java.util.concurrent.atomic.AtomicLong;

/** Static factories for request bodies and unique names. */
public final class Fixtures {
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private Fixtures() {
    }

    /** A valid member name never used before in this JVM (the database outlives single tests). */
    public static String userName() {
        return "u" + Long.toString(SEQUENCE.incrementAndGet(), 36) + Long.toString(System.nanoTime() % 46_656, 36);
    }

    public static String password() {
        return "pw" + Long.toString(SEQUENCE.incrementAndGet(), 36) + "x9";
    }

    public static String register(String userName, String password) {
        return "{\"UserName\":\"" + userName + "\",\"Password\":\"" + password + "\"}";
    }

    public static String login(String userName, String game) {
        return "{\"UserName\":\"" + userName + "\",\"Game\":\"" + game + "\"}";
    }

    public static String requestId() {
        return "rq" + GatewayClient.newNonce();
    }
}
