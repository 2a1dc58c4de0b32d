package com.beiying.gateway.config;

import java.math.BigDecimal;

/** The demo operator of the embedded default, seeded so the README's examples work at once. */
public final class DemoOperator {
    /** Operator id. */
    public static final String OPERATOR_ID = "demo";
    /** ApiKey. */
    public static final String API_KEY = "demo-key";
    /** Secret (a demo value, printed in the README). */
    public static final String SECRET = "demo-secret";
    /** Launch domain of the demo operator. */
    public static final String LAUNCH_DOMAIN = "play.demo-operator.test";
    /** Credit line on every game. */
    public static final BigDecimal CREDIT = new BigDecimal("1000000.00");

    private DemoOperator() {
    }
}
