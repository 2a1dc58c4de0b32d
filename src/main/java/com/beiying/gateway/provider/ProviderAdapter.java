package com.beiying.gateway.provider;


import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the gateway needs from one game provider, spoken in that provider's own protocol by one
 * adapter class each ({@code provider.<game>}). Failures surface as {@code GatewayException}s with
 * catalogued errors (BUSY, MAINTENANCE and mapped provider codes); a transfer whose answer was lost
 * comes back as {@link TransferState#UNKNOWN}, never as failed. Adapters send every call through
 * their {@link ProviderHttp}, which gives them a deadline, a bulkhead, a circuit breaker and metrics.
 */
public interface ProviderAdapter {

    /** Launch options, already validated. */
    record LaunchOptions(String platform, String language, String gameId) {
    }

    /** A launch URL at the provider and the provider's session token (or the URL again when it has none). */
    record Launch(String url, String token) {
    }

    /** What is known about a transfer at the provider. */
    enum TransferState { SUCCESS, FAILED, PENDING, UNKNOWN }

    /** A transfer's state, the balance after it when the provider said, and why it failed (a catalog entry's name). */
    record TransferResult(TransferState state, BigDecimal balance, String failure) {

        /**
         * The state of an order the provider has just refused as a duplicate: the duplicate proves
         * the order exists, so a status lookup that cannot find it means the first request is still
         * in flight (another worker's, or the resolver's, not yet committed at the provider), not
         * that it failed. Failing it there would fail an order whose money is about to move; it stays
         * unresolved instead, for the resolver to ask again.
         */
        public TransferResult afterDuplicate() {
            return state == TransferState.FAILED && Errors.ORDER_NOT_FOUND.name().equals(failure)
                    ? new TransferResult(TransferState.UNKNOWN, null, null) : this;
        }
    }

    /**
     * The gateway's identity of one transfer, from which each adapter makes the id its provider
     * takes: {@code key} is {@code <OperatorId>-<OrderID>} (unique across operators), {@code number}
     * a gateway-wide sequence number for providers that want digits, {@code createdAt} when the
     * order was made (for providers whose ids embed a time). The same order always gives the same
     * provider id, so the provider's idempotency holds for every retry and for the resolver.
     */
    record TransferKey(String key, long number, Instant createdAt) {
    }

    /** The provider this adapter speaks to. */
    Game game();

    /** The member's account name under this provider's rules; stable, and revealing neither operator nor member name. */
    String accountName(long memberId);

    /** Opens the member's account; opening an existing account again is a success, not an error. */
    void openAccount(String accountName, String currency);

    /** A launch URL for an opened account. */
    Launch launch(String accountName, LaunchOptions options);

    /** The member's balance at the provider. */
    BigDecimal balance(String accountName);

    /** Moves money; the key makes the provider-side idempotency key, so repeating it is safe. */
    TransferResult transfer(String accountName, TransferKey key, BigDecimal amount, Direction direction);

    /** The provider's state of a transfer; one the provider never saw is FAILED with ORDER_NOT_FOUND. */
    TransferResult transferStatus(String accountName, TransferKey key);

    /** How this provider's bet records are pulled: window, overlap, delay, look-back, basis and time zone. */
    RecordRules recordRules();

    /**
     * The bets whose {@link RecordRules#basis() basis time} lies in {@code [from, to)}, as the
     * provider returns them, normalised (times converted from the provider's zone at the edge,
     * money exact). The window obeys {@link RecordRules}; the collector chooses it.
     */
    List<ProviderBet> betRecords(Instant from, Instant to);
}
