package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.ingress.AdminCommands;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.persistence.ReportStore;
import com.beiying.gateway.security.SecretBox;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The admin API's services, in the ingress role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.INGRESS)
class AdminConfiguration {

    /** The admin API's part of the OpenAPI document. */
    @Bean
    AdminRoutes adminRoutes() {
        return new AdminRoutes();
    }

    @Bean
    OperatorAdmin operatorAdmin(OperatorStore store, @Qualifier("operatorSecretBox") SecretBox operatorSecretBox,
                                OperatorDirectory directory, KafkaAdmin kafkaAdmin, Topics topics, GatewayProperties properties,
                                Clock clock) {
        return new OperatorAdmin(store, operatorSecretBox, directory, kafkaAdmin, topics, properties, clock);
    }

    @Bean
    ReportAdmin reportAdmin(OperatorStore operators, ReportStore reports) {
        return new ReportAdmin(operators, reports);
    }

    @Bean
    AdminToken adminToken(GatewayProperties properties) {
        return new AdminToken(properties.security().adminToken());
    }

    @Bean
    MemberAdmin memberAdmin(OperatorStore operators, MemberStore members, OrderStore orders, WalletAdmin wallet) {
        return new MemberAdmin(operators, members, orders, wallet);
    }

    @Bean
    WalletAdmin walletAdmin(OperatorStore operators, OrderStore orders, AdminCommands commands, GatewayProperties properties,
                            Clock clock) {
        return new WalletAdmin(operators, orders, commands, properties.wallet().unresolvedAlert(), clock);
    }
}
