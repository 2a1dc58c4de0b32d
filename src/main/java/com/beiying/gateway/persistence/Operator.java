package com.beiying.gateway.persistence;

import com.beiying.gateway.config.Cidr;
import com.beiying.gateway.error.ErrorFormat;
import java.util.List;
import java.util.Set;

/** An operator's settings as every ingress and worker instance sees them. */
public record Operator(String operatorId, String name, boolean active, List<Cidr> allowlist, String launchDomain,
                       String currency, ErrorFormat errorFormat, Set<String> enabledGames, Integer rateLimit,
                       boolean kafkaNative) {

    /** Whether a client IP may call in this operator's name. */
    public boolean allows(String clientIp) {
        return allowlist.stream().anyMatch(c -> c.contains(clientIp));
    }

    /** Whether the game is enabled for this operator. */
    public boolean gameEnabled(String game) {
        return enabledGames.contains(game);
    }
}
