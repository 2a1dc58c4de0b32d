package com.beiying.gateway.domain;

import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.security.Cidr;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * An operator's settings as every ingress and worker instance sees them; {@code timeZone} is where
 * its bet-record times are shown and where a time without an offset is read.
 */
public record Operator(String operatorId, String name, boolean active, List<Cidr> allowlist, String launchDomain,
                       String currency, ErrorFormat errorFormat, Set<Game> enabledGames, Integer rateLimit,
                       boolean kafkaNative, ZoneId timeZone) {
    /** The time zone of an operator created without one: the seed API's market, China Standard Time. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");


    /** Whether a client IP may call in this operator's name. */
    public boolean allows(String clientIp) {
        return allowlist.stream().anyMatch(c -> c.contains(clientIp));
    }

    /** Whether the game is enabled for this operator. */
    public boolean gameEnabled(Game game) {
        return enabledGames.contains(game);
    }
}
