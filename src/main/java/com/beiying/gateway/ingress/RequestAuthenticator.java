package com.beiying.gateway.ingress;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.security.Cidr;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks of docs/api.md ("Operators and authentication"): ApiKey, client IP, timestamp window, HMAC-SHA256 signature (constant-time compare) and
 * operator status, in that order, so nothing about an operator is revealed before the caller has
 * shown its key and an allowed address. Nonce uniqueness is checked against the database when the
 * request is recorded, so it holds across every ingress instance.
 */
final class RequestAuthenticator {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Header values longer than this are absurd. */
    private static final int ABSURD_LENGTH = 1024;

    private final OperatorDirectory operators;
    private final long skewMillis;
    private final List<Cidr> trustedProxies;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RequestAuthenticator(OperatorDirectory operators, GatewayProperties.Ingress settings, Clock clock) {
        this.operators = operators;
        this.skewMillis = settings.clockSkew().toMillis();
        this.trustedProxies = settings.trustedProxies().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        this.clock = clock;
    }

    /**
     * Authenticates the request over the exact body bytes, or throws its catalogued refusal. A
     * malformed {@code X-Timestamp}, {@code X-Nonce} or {@code X-Request-Id} is a field error on
     * that header, so the answer names the header at fault.
     */
    Caller authenticate(HttpServletRequest request, byte[] body) {
        String apiKey = bearer(request.getHeader("Authorization"));
        OperatorDirectory.Credentials credentials = apiKey == null ? null : operators.byApiKey(apiKey).orElse(null);
        Operator operator = credentials == null ? null : operators.byId(credentials.operatorId()).orElse(null);
        if (operator == null) {
            throw new GatewayException(Errors.UNKNOWN_API_KEY);
        }
        String clientIp = clientIp(request);
        if (!operator.allows(clientIp)) {
            throw new GatewayException(Errors.IP_NOT_ALLOWED);
        }
        String timestamp = request.getHeader("X-Timestamp");
        checkTimestamp(timestamp);
        String nonce = token(request.getHeader("X-Nonce"), RequestField.X_NONCE);
        String sign = request.getHeader("X-Sign");
        if (sign == null || !signatureMatches(credentials.secret(), sign, timestamp, nonce, request, body)) {
            throw new GatewayException(Errors.BAD_SIGNATURE);
        }
        if (!operator.active()) {
            throw new GatewayException(Errors.OPERATOR_SUSPENDED);
        }
        String requestId = request.getHeader("X-Request-Id");
        requestId = requestId == null ? newRequestId() : token(requestId, RequestField.X_REQUEST_ID);
        return new Caller(operator, requestId, nonce, clientIp);
    }

    /**
     * X-Timestamp: Unix epoch milliseconds within the allowed skew of server time. One that is
     * close to now in seconds is told so, since that is the usual mistake.
     */
    private void checkTimestamp(String text) {
        if (text == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, RequestField.X_TIMESTAMP);
        }
        if (text.isBlank()) {
            throw GatewayException.field(Errors.FIELD_BLANK, RequestField.X_TIMESTAMP);
        }
        if (!DIGITS.matcher(text).matches()) {
            throw GatewayException.field(text.length() > ABSURD_LENGTH ? Errors.FIELD_TOO_LARGE : Errors.FIELD_NOT_INTEGER,
                    RequestField.X_TIMESTAMP);
        }
        long now = clock.millis();
        long value = text.length() > 15 ? Long.MAX_VALUE : Long.parseLong(text);
        if (Math.abs(now - value) <= skewMillis) {
            return;
        }
        if (value <= Long.MAX_VALUE / 1000 && Math.abs(now - value * 1000) <= skewMillis + 1000) {
            throw new GatewayException(Errors.TIMESTAMP_IN_SECONDS);
        }
        throw new GatewayException(Errors.STALE_TIMESTAMP);
    }

    /** X-Nonce and X-Request-Id: 8–64 characters of {@code [A-Za-z0-9_-]}. */
    private static String token(String value, RequestField header) {
        if (value == null) {
            throw GatewayException.field(Errors.FIELD_REQUIRED, header);
        }
        if (value.length() > ABSURD_LENGTH) {
            throw GatewayException.field(Errors.FIELD_TOO_LARGE, header);
        }
        if (value.isBlank()) {
            throw GatewayException.field(Errors.FIELD_BLANK, header);
        }
        if (value.length() < 8) {
            throw new GatewayException(Errors.FIELD_TOO_SHORT, header, Map.of("min", 8));
        }
        if (value.length() > 64) {
            throw new GatewayException(Errors.FIELD_TOO_LONG, header, Map.of("max", 64));
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new GatewayException(Errors.FIELD_INVALID, header, Map.of("expected", "A-Z / a-z / 0-9 / _ / -"));
        }
        return value;
    }

    /**
     * The error dialect for answering this request: the operator's when the presented ApiKey is
     * known (even if authentication failed later), else the default.
     */
    ErrorFormat errorFormat(HttpServletRequest request) {
        String apiKey = bearer(request.getHeader("Authorization"));
        return apiKey == null ? ErrorFormat.BEIYING : operators.byApiKey(apiKey)
                .flatMap(c -> operators.byId(c.operatorId()))
                .map(Operator::errorFormat)
                .orElse(ErrorFormat.BEIYING);
    }

    /** The request id given by the client if well-formed, for answers that fail before authentication ends. */
    static String clientRequestId(HttpServletRequest request) {
        String id = request.getHeader("X-Request-Id");
        return id != null && TOKEN.matcher(id).matches() ? id : null;
    }

    private String newRequestId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = header.substring(7).trim();
        return key.isEmpty() ? null : key;
    }

    /**
     * The socket address, unless it is a configured proxy: then the right-most address of
     * {@code X-Forwarded-For} that is not itself a trusted proxy (the left part is client-written).
     */
    private String clientIp(HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        if (!isTrustedProxy(ip)) {
            return ip;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return ip;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isTrustedProxy(hop)) {
                return hop;
            }
        }
        return ip;
    }

    private boolean isTrustedProxy(String ip) {
        return trustedProxies.stream().anyMatch(c -> c.contains(ip));
    }

    private static boolean signatureMatches(byte[] secret, String sign, String timestamp, String nonce,
                                            HttpServletRequest request, byte[] body) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sign);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String head = timestamp + "\n" + nonce + "\n" + request.getMethod() + "\n" + request.getRequestURI() + "\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(head.getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
