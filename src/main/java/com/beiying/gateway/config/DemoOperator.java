package com.beiying.gateway.config;

import com.beiying.gateway.persistence.OperatorDao;
import com.beiying.gateway.provider.Game;
import java.math.BigDecimal;
import org.jdbi.v3.core.Jdbi;

/** The demo operator of SPEC §10, seeded in embedded mode so the README's examples work at once. */
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

    /** Creates the demo operator unless it exists. */
    public static void seed(Jdbi jdbi, SecretBox operatorSecrets) {
        jdbi.useTransaction(h -> {
            OperatorDao dao = h.attach(OperatorDao.class);
            if (dao.insertOperator(OPERATOR_ID, "Demo operator", "127.0.0.0/8,::1/128", LAUNCH_DOMAIN, "CNY", "BEIYING",
                    null, false)) {
                dao.insertKey(API_KEY, OPERATOR_ID, operatorSecrets.seal(SECRET, API_KEY), null);
                for (Game game : Game.values()) {
                    dao.enableGame(OPERATOR_ID, game.code(), CREDIT);
                }
            }
        });
    }
}
