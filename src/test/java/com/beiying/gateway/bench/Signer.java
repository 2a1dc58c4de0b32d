package com.beiying.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs requests as the API asks (docs/api.md): one fresh nonce per request, HMAC-SHA256 over the exact bytes. */
final class Signer {
    private final String apiKey;
    private final byte[] secret;
    private final String noncePrefix = "bn" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private final AtomicLong nonces = new AtomicLong();
    private final ThreadLocal<Mac> macs;

    Signer(String apiKey, String secret) {
        this.apiKey = apiKey;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The headers of one signed request, as name, value pairs. */
    String[] headers(String method, String path, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis());
        String nonce = noncePrefix + "-" + nonces.incrementAndGet();
        Mac mac = macs.get();
        mac.update((timestamp + "\n" + nonce + "\n" + method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        String sign = HexFormat.of().formatHex(mac.doFinal(body));
        return new String[] {"Authorization", "Bearer " + apiKey, "X-Timestamp", timestamp, "X-Nonce", nonce,
                "X-Sign", sign, "Content-Type", "application/json"};
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
