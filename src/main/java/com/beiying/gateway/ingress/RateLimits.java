package com.beiying.gateway.ingress;

import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * Per-operator request rates at the ingress (Resilience4j): over the limit answers BUSY at once,
 * before any database or Kafka work, so one operator's burst cannot crowd out the others. The
 * limit is per instance; with N ingress instances behind a balancer an operator gets about N times it.
 */
final class RateLimits {
    private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
    private final int defaultPerSecond;

    RateLimits(int defaultPerSecond) {
        this.defaultPerSecond = defaultPerSecond;
    }

    /** Takes one permit for the operator or refuses with RATE_LIMITED. */
    void acquire(Operator operator) {
        int limit = operator.rateLimit() != null ? operator.rateLimit() : defaultPerSecond;
        // The limit is part of the name, so a changed limit takes effect with a fresh limiter.
        RateLimiter limiter = registry.rateLimiter(operator.operatorId() + "/" + limit, () -> RateLimiterConfig.custom()
                .limitForPeriod(limit)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        if (!limiter.acquirePermission()) {
            throw new GatewayException(Errors.RATE_LIMITED);
        }
    }
}
