package com.beiying.gateway.persistence;

import com.beiying.gateway.config.DemoOperator;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.security.SecretBox;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The stores and directories every role shares. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    RequestStore requestStore(Jdbi jdbi) {
        return new RequestStore(jdbi);
    }

    @Bean
    MemberStore memberStore(Jdbi jdbi) {
        return new MemberStore(jdbi);
    }

    @Bean
    OperatorStore operatorStore(Jdbi jdbi) {
        return new OperatorStore(jdbi);
    }

    @Bean
    OrderStore orderStore(Jdbi jdbi) {
        return new OrderStore(jdbi);
    }

    @Bean
    BetStore betStore(Jdbi jdbi) {
        return new BetStore(jdbi);
    }

    /** INTERIM (issue 17): the console's daily sums until the admin API's daily report lands. */

    @Bean
    ReportStore reportStore(Jdbi jdbi) {
        return new ReportStore(jdbi);
    }

    @Bean
    OutboxStore outboxStore(Jdbi jdbi) {
        return new OutboxStore(jdbi);
    }

    @Bean
    LeaseStore leaseStore(Jdbi jdbi) {
        return new LeaseStore(jdbi);
    }

    /** Loaded after Flyway has migrated, since it reads the windows at construction. */
    @Bean
    @DependsOn("flywayInitializer")
    GameStatusDirectory gameStatusDirectory(Jdbi jdbi, Clock clock) {
        return new GameStatusDirectory(jdbi, clock);
    }

    /**
     * Loaded after Flyway has migrated, since it reads operators at construction; in the embedded
     * default (and wherever gateway.embedded.seed-demo-operator is set true, as the tests on
     * containers do) the demo operator is seeded first.
     */
    @Bean
    @DependsOn("flywayInitializer")
    OperatorDirectory operatorDirectory(OperatorStore operators, @Qualifier("operatorSecretBox") SecretBox operatorSecretBox,
                                        GatewayProperties properties) {
        if (properties.embedded().seedDemoOperator()) {
            operators.createWithCredit(new OperatorStore.NewOperator(DemoOperator.OPERATOR_ID, "Demo operator",
                            List.of("127.0.0.0/8", "::1/128"), DemoOperator.LAUNCH_DOMAIN, "CNY", ErrorFormat.BEIYING, null, false,
                            Operator.DEFAULT_TIME_ZONE),
                    new OperatorStore.NewKey(DemoOperator.API_KEY, operatorSecretBox.seal(DemoOperator.SECRET, DemoOperator.API_KEY)),
                    DemoOperator.CREDIT);
        }
        return new OperatorDirectory(operators, operatorSecretBox);
    }
}
