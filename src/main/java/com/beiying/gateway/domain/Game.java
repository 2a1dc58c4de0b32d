package com.beiying.gateway.domain;

import java.util.Arrays;
import java.util.Optional;

/** The eight providers (docs/api.md), by the game code operators send. */
public enum Game {
    AGLIVE("AGLive", "AG视讯", Type.LIVE_CASINO),
    AVIA("AVIA", "泛亚电竞", Type.ESPORTS),
    PINNACLE("Pinnacle", "平博", Type.SPORTS),
    IMSPORT("IMSport", "IM体育", Type.SPORTS),
    IMONE("IMOne", "电竞牛", Type.ESPORTS),
    BBIN("BBIN", "波音", Type.LIVE_CASINO),
    XJ188("XJ188", "小金188", Type.SPORTS),
    KY("KY", "开元棋牌", Type.CARDS);

    /** Kinds of game a provider offers. */
    public enum Type { LIVE_CASINO, ESPORTS, SPORTS, CARDS }

    private final String code;
    private final String displayName;
    private final Type type;

    Game(String code, String displayName, Type type) {
        this.code = code;
        this.displayName = displayName;
        this.type = type;
    }

    /** The game code of the API, e.g. {@code AGLive}. */
    public String code() {
        return code;
    }

    /** The provider's Chinese name. */
    public String displayName() {
        return displayName;
    }

    /** What the provider offers. */
    public Type type() {
        return type;
    }

    /** The game with this code; exact match, because codes are identifiers in orders and ledgers. */
    public static Optional<Game> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }
}
