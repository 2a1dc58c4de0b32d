package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.security.Cidr;
import com.beiying.gateway.support.GatewayClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** docs/api.md checks in isolation, chiefly who is believed about the client address. */
class RequestAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);

    private static RequestAuthenticator authenticator(List<String> trustedProxies, List<String> allowlist) {
        Operator operator = new Operator("op1", "Op", true, allowlist.stream().map(Cidr::parse).toList(), "play.example.com",
                "CNY", ErrorFormat.RGS, Set.of(Game.KY), null, false, Operator.DEFAULT_TIME_ZONE);
        OperatorDirectory directory = new OperatorDirectory(null, null) {
            @Override
            public Optional<Credentials> byApiKey(String apiKey) {
                return apiKey.equals("key1") ? Optional.of(new Credentials("op1", SECRET)) : Optional.empty();
            }

            @Override
            public Optional<Operator> byId(String operatorId) {
                return operatorId.equals("op1") ? Optional.of(operator) : Optional.empty();
            }

            @Override
            public void refresh() {
            }
        };
        GatewayProperties.Ingress settings = new GatewayProperties.Ingress(Duration.ofSeconds(5), 16384, Duration.ofSeconds(60),
                Duration.ofMinutes(10), trustedProxies, Duration.ofSeconds(2), 100, 16);
        return new RequestAuthenticator(directory, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MockHttpServletRequest signed(String remoteAddr, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/account/register");
        request.setRemoteAddr(remoteAddr);
        String ts = Long.toString(NOW.toEpochMilli());
        request.addHeader("Authorization", "Bearer key1");
        request.addHeader("X-Timestamp", ts);
        request.addHeader("X-Nonce", "nonce-0001");
        request.addHeader("X-Sign", GatewayClient.signature("s3cret", ts, "nonce-0001", "POST", "/v1/account/register", new byte[0]));
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        RequestAuthenticator viaProxy = authenticator(List.of("192.168.0.0/16"), List.of("203.0.113.0/24"));
        assertThat(viaProxy.authenticate(signed("192.168.1.10", "203.0.113.7"), new byte[0]).clientIp()).isEqualTo("203.0.113.7");
        // The left part of the chain is client-written: the right-most untrusted hop counts.
        assertThat(viaProxy.authenticate(signed("192.168.1.10", "203.0.113.9, 192.168.5.5"), new byte[0]).clientIp())
                .isEqualTo("203.0.113.9");
        assertThatThrownBy(() -> viaProxy.authenticate(signed("192.168.1.10", "203.0.113.7, 198.51.100.1"), new byte[0]))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.IP_NOT_ALLOWED));

        RequestAuthenticator direct = authenticator(List.of(), List.of("203.0.113.0/24"));
        assertThatThrownBy(() -> direct.authenticate(signed("198.51.100.1", "203.0.113.7"), new byte[0]))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.IP_NOT_ALLOWED));
    }

    @Test
    void ipv6ClientsAndTheOperatorsDialectForRefusals() {
        RequestAuthenticator auth = authenticator(List.of(), List.of("2001:db8::/32"));
        assertThat(auth.authenticate(signed("2001:db8::5", null), new byte[0]).operator().operatorId()).isEqualTo("op1");
        MockHttpServletRequest tampered = signed("2001:db8::5", null);
        assertThatThrownBy(() -> auth.authenticate(tampered, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.BAD_SIGNATURE));
        assertThat(auth.errorFormat(tampered)).isEqualTo(ErrorFormat.RGS);
        MockHttpServletRequest unknown = new MockHttpServletRequest();
        unknown.addHeader("Authorization", "Bearer nobody");
        assertThat(auth.errorFormat(unknown)).isEqualTo(ErrorFormat.BEIYING);
    }
}
