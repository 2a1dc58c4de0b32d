package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts {@link SimulatorServer} and publishes its port as {@code local.simulator.port} (as Spring
 * publishes {@code local.server.port}), which the default {@code gateway.providers.base-url}
 * names: in the embedded default the adapters reach the in-process simulator on whatever port it
 * was given.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.SIMULATOR)
class SimulatorWire {
    static final String PORT_PROPERTY = "local.simulator.port";

    @Bean(destroyMethod = "close")
    SimulatorServer simulatorServer(List<ProviderSide> sides, SimulatorFaults faults, GatewayProperties properties,
                                    ConfigurableEnvironment environment) throws IOException {
        GatewayProperties.Simulator settings = properties.simulator();
        SimulatorServer server = new SimulatorServer(sides, faults, settings.address(), settings.port(), settings.threads());
        environment.getPropertySources().addFirst(new MapPropertySource("simulator.port", Map.of(PORT_PROPERTY, server.port())));
        return server;
    }
}
