package com.beiying.gateway.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives providers sign and encrypt with (MD5, AES, DES), and the encodings of their
 * parameters, for the adapters. The simulator has its own: the two sides must not share the code
 * that would hide a misreading of a protocol.
 */
public final class ProviderCodec {
    private ProviderCodec() {
    }

    /** Lower-case hex MD5 of UTF-8 text. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encrypts UTF-8 text with a cipher such as {@code AES/ECB/PKCS5Padding}; {@code iv} null for ECB. */
    public static byte[] encrypt(String transformation, String algorithm, byte[] key, byte[] iv, String text) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            SecretKeySpec spec = new SecretKeySpec(key, algorithm);
            if (iv == null) {
                cipher.init(Cipher.ENCRYPT_MODE, spec);
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(iv));
            }
            return cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " failed", e);
        }
    }

    /** {@code k=v&k=v} in the map's order, values as they are (providers that sign the raw string). */
    public static String rawQuery(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** {@code k=v&k=v} in the map's order, values form-encoded once (what goes on the wire). */
    public static String formQuery(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An amount as providers write decimals: exactly two places. */
    public static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** An amount a provider wrote, as exact money (two places; more places must be zeros). */
    public static BigDecimal money(String text) {
        return new BigDecimal(text.trim()).setScale(2, RoundingMode.UNNECESSARY);
    }
}
