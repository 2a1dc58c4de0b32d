package com.beiying.gateway.provider;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The provider adapters, in the role that calls providers (the worker). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
class ProviderConfiguration {

    @Bean
    ProviderRegistry providerRegistry(GatewayProperties properties, Environment environment, JsonMapper json, MeterRegistry meters) {
        return new ProviderRegistry(properties, environment, json, meters);
    }
}
