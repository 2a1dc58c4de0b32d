package com.beiying.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives the simulated providers check signatures and decrypt parameters with. The
 * simulator's own: it shares no code with the gateway's adapters, so that an adapter that signs
 * or encrypts wrongly is refused here exactly as the real provider would refuse it.
 */
public final class SimCrypto {
    private SimCrypto() {
    }

    /** Lower-case hex MD5 of UTF-8 text. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decrypts to UTF-8 text with a transformation such as {@code AES/ECB/PKCS5Padding}; {@code iv}
     * null for ECB.
     *
     * @throws IllegalArgumentException when the key does not open it
     */
    public static String decrypt(String transformation, String algorithm, byte[] key, byte[] iv, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            SecretKeySpec spec = new SecretKeySpec(key, algorithm);
            if (iv == null) {
                cipher.init(Cipher.DECRYPT_MODE, spec);
            } else {
                cipher.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(iv));
            }
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("does not decrypt", e);
        }
    }

    /** Whether two secrets or signatures are equal, compared in constant time. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
