package com.beiying.gateway.config;

import com.beiying.gateway.security.FieldSealing;
import com.beiying.gateway.security.SecretBox;
import java.time.Clock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every role shares: the database handle, the clock and the sealing keys. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {
    /** AES-GCM purpose under which operator secrets are sealed at rest. */
    static final String OPERATOR_SECRET_PURPOSE = "operator-secret";
    private static final String REQUEST_FINGERPRINT_PURPOSE = "request-fingerprint";

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Seals operator secrets at rest. */
    @Bean
    SecretBox operatorSecretBox(GatewayProperties properties) {
        return new SecretBox(properties.security().masterKey(), OPERATOR_SECRET_PURPOSE);
    }

    /** The simulated providers' credentials, the same for the simulator and the adapters pointed at it. */
    @Bean
    SimulatorCredentials simulatorCredentials(GatewayProperties properties) {
        return new SimulatorCredentials(properties.security().masterKey());
    }

    /** Fingerprints requests, so that a reused X-Request-Id is told from a repeat. */
    @Bean
    SecretBox requestFingerprints(GatewayProperties properties) {
        return new SecretBox(properties.security().masterKey(), REQUEST_FINGERPRINT_PURPOSE);
    }

    /** Seals secret request fields (passwords) for their trip through Kafka. */
    @Bean
    SecretBox fieldSealer(GatewayProperties properties) {
        return new SecretBox(properties.security().masterKey(), FieldSealing.PURPOSE);
    }
}
