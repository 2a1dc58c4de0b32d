package com.beiying.gateway.ingress.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin token that guards {@code /admin/v1} ({@code X-Admin-Token}) and signs a person in to
 * the console. Public because the console (ingress.console) checks the same token. Both sides are
 * hashed before the constant-time comparison, so neither the time taken nor an early length
 * mismatch tells anything about the token; the token itself is never logged or shown.
 */
public final class AdminToken {
    private final byte[] digest;

    AdminToken(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("gateway.security.admin-token (GATEWAY_ADMIN_TOKEN) must be set outside embedded mode");
        }
        this.digest = sha256(configured);
    }

    /** Whether {@code given} is the admin token; null is not. */
    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
