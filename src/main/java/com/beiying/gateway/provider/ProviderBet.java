package com.beiying.gateway.provider;

import com.beiying.gateway.domain.BetStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bet as a provider reports it, normalised at the adapter's edge: the provider's own id and
 * account name, money exact (2 decimals; {@code payout} includes the stake, 0 while open), times
 * as instants converted from the provider's zone. {@code updatedAt} is the provider's last change
 * where it says one, else the latest of bet and settle time.
 */
public record ProviderBet(String providerBetId, String account, String gameId, String roundId, String currency,
                          BigDecimal betAmount, BigDecimal validBet, BigDecimal payout, BetStatus status,
                          Instant betTime, Instant settledAt, Instant updatedAt) {
}
