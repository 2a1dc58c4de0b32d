package com.beiying.gateway.provider;

/**
 * What the gateway needs from one game provider. Adding a real provider means writing one
 * implementation; failures surface as {@link com.beiying.gateway.error.GatewayException}s with
 * catalogued errors (retriable ones for outages).
 */
public interface ProviderAdapter {

    /** Launch options, already validated. */
    record LaunchOptions(String platform, String language, String gameId) {
    }

    /** A launch URL at the provider and the provider's session token. */
    record Launch(String url, String token) {
    }

    /** The provider this adapter speaks to. */
    Game game();

    /** Opens the member's account; opening an existing account again is a success, not an error. */
    void openAccount(String accountName, String currency);

    /** A launch URL for an opened account. */
    Launch launch(String accountName, LaunchOptions options);
}
