package com.beiying.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of the simulated providers: each derived from the gateway's master key, per
 * provider and name, so that the simulator and the adapters pointed at it agree without anyone
 * configuring them, every instance of one deployment derives the same ones, and no two
 * deployments share any. Real providers' credentials are configured instead (README, "Providers").
 */
public final class SimulatorCredentials {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final SecretKeySpec key;

    /** Credentials under the given master key (base64). */
    public SimulatorCredentials(String masterKey) {
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256").digest(
                    (new String(Base64.getDecoder().decode(masterKey), StandardCharsets.ISO_8859_1) + "/simulated-providers")
                            .getBytes(StandardCharsets.ISO_8859_1));
            this.key = new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The credential {@code name} of the simulated provider {@code game}: {@code length} letters and digits. */
    public String of(String game, String name, int length) {
        StringBuilder out = new StringBuilder(length);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            for (int block = 0; out.length() < length; block++) {
                mac.init(key);
                byte[] bytes = mac.doFinal((game + "/" + name + "/" + block).getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < bytes.length && out.length() < length; i++) {
                    out.append(ALPHABET[(bytes[i] & 0xFF) % ALPHABET.length]);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
