package com.beiying.gateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing under a key derived from the gateway master key. Seals operator secrets at
 * rest and passwords in transit through Kafka. The associated data binds a ciphertext to its
 * place (for example the request and field), so a sealed value cannot be replayed elsewhere.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;

    private final SecretKeySpec key;
    private final SecretKeySpec macKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param masterKey base64 of at least 32 random bytes
     * @param purpose   separates keys per use so a ciphertext of one use never opens in another
     */
    public SecretBox(String masterKey, String purpose) {
        byte[] master = Base64.getDecoder().decode(masterKey);
        if (master.length < 32) {
            throw new IllegalArgumentException("gateway.security.master-key must be base64 of at least 32 bytes");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(master);
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] derived = sha.digest();
            this.key = new SecretKeySpec(derived, "AES");
            this.macKey = new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The box a Kafka-native operator seals secret fields with: keyed by its own API secret, which
     * the gateway also knows, so passwords cross the operator's topic encrypted.
     */
    public static SecretBox forOperatorSecret(byte[] secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(secret);
            return new SecretBox(Base64.getEncoder().encodeToString(key), "operator-field-seal");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA256 under this box's key) of the given parts, each length-prefixed:
     * stable for equal inputs, and nothing about the inputs can be learnt from it without the key
     * (a request fingerprint covers a body that may hold a password).
     */
    public byte[] fingerprint(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            for (byte[] part : parts) {
                mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random master key, base64. */
    public static String newMasterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Encrypts and authenticates the text, bound to the associated data. */
    public byte[] seal(String text, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(text, associatedData, nonce);
    }

    /**
     * Encrypts with a given nonce: only for the worked example of docs/consumers.md, whose bytes a
     * test holds to this code. A nonce must never be used twice under one key.
     */
    byte[] seal(String text, String associatedData, byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce has " + NONCE_BYTES + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] body = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + body.length).put(VERSION).put(nonce).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Decrypts a sealed value.
     *
     * @throws IllegalArgumentException when it was not sealed by this key for this associated data
     */
    public String open(byte[] sealed, String associatedData) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed value does not open", e);
        }
    }
}
