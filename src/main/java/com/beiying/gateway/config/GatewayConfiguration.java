package com.beiying.gateway.config;

import com.beiying.gateway.messaging.SealedFields;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.RequestStore;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every role shares: the database handle, the sealing keys and the operator directory. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class GatewayConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** The correlation store, on every role's hot path. */
    @Bean
    RequestStore requestStore(Jdbi jdbi) {
        return new RequestStore(jdbi);
    }

    /** Seals operator secrets at rest. */
    @Bean
    SecretBox operatorSecretBox(GatewayProperties properties) {
        return new SecretBox(properties.security().masterKey(), OperatorDirectory.SECRET_PURPOSE);
    }

    /** Seals secret request fields (passwords) for their trip through Kafka. */
    @Bean
    SecretBox fieldSealer(GatewayProperties properties) {
        return new SecretBox(properties.security().masterKey(), SealedFields.PURPOSE);
    }

    @Bean
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /** Loaded after Flyway has migrated, since it reads the windows at construction. */
    @Bean
    @DependsOn("flywayInitializer")
    com.beiying.gateway.persistence.GameStatusDirectory gameStatusDirectory(Jdbi jdbi, java.time.Clock clock) {
        return new com.beiying.gateway.persistence.GameStatusDirectory(jdbi, clock);
    }

    /** Loaded after Flyway has migrated, since it reads operators at construction. */
    @Bean
    @DependsOn("flywayInitializer")
    OperatorDirectory operatorDirectory(Jdbi jdbi, @Qualifier("operatorSecretBox") SecretBox operatorSecretBox,
                                        GatewayProperties properties) {
        if (properties.embedded().enabled() && properties.embedded().seedDemoOperator()) {
            DemoOperator.seed(jdbi, operatorSecretBox);
        }
        return new OperatorDirectory(jdbi, operatorSecretBox);
    }
}
