package com.beiying.gateway.provider;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import java.math.BigDecimal;

/**
 * What the gateway needs from one game provider. Adding a real provider means writing one
 * implementation; failures surface as {@code GatewayException}s with
 * catalogued errors (BUSY, MAINTENANCE and mapped provider errors), and a transfer whose answer
 * was lost comes back as {@link TransferState#UNKNOWN}, never as failed.
 */
public interface ProviderAdapter {

    /** Launch options, already validated. */
    record LaunchOptions(String platform, String language, String gameId) {
    }

    /** A launch URL at the provider and the provider's session token. */
    record Launch(String url, String token) {
    }

    /** What is known about a transfer at the provider. */
    enum TransferState { SUCCESS, FAILED, PENDING, UNKNOWN }

    /** A transfer's state, the balance after it when the provider said, and why it failed. */
    record TransferResult(TransferState state, BigDecimal balance, String failure) {
    }

    /** The provider this adapter speaks to. */
    Game game();

    /** The member's account name under this provider's rules. */
    String accountName(long memberId);

    /** Opens the member's account; opening an existing account again is a success, not an error. */
    void openAccount(String accountName, String currency);

    /** A launch URL for an opened account. */
    Launch launch(String accountName, LaunchOptions options);

    /** The member's balance at the provider. */
    BigDecimal balance(String accountName);

    /** Moves money; the order id is the provider-side idempotency key, so repeating it is safe. */
    TransferResult transfer(String accountName, String orderId, BigDecimal amount, Direction direction);

    /** The provider's state of a transfer by order id. */
    TransferResult transferStatus(String accountName, String orderId);
}
