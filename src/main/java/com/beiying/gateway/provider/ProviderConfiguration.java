package com.beiying.gateway.provider;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.config.SimulatorCredentials;
import com.beiying.gateway.domain.Game;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The providers' wires, endpoints and registry, in the role that calls providers (the worker). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.WORKER)
class ProviderConfiguration {
    static {
        // The JDK client keeps idle connections 20 minutes by default, servers far less; reusing one
        // the server has just closed fails the call ("header parser received no bytes"), which for a
        // transfer means an unknown outcome. Read once per JVM, before the first client exists.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
    }

    @Bean
    ProviderHttp.Wires providerWires(GatewayProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
                                     ObjectProvider<Propagator> propagator) {
        GatewayProperties.Providers p = properties.providers();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(p.connectTimeout()).build();
        CircuitBreakerConfig circuitConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(p.slowCallThreshold())
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(p.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(p.maxConcurrentCalls())
                .maxWaitDuration(p.bulkheadWait())
                .build();
        // Without Micrometer Tracing configured, calls are not traced and carry no traceparent.
        Tracer t = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator propagation = propagator.getIfAvailable(() -> Propagator.NOOP);
        Map<Game, ProviderHttp> wires = new EnumMap<>(Game.class);
        for (Game game : Game.values()) {
            wires.put(game, new ProviderHttp(game, http, p.readTimeout(), CircuitBreaker.of("provider-" + game.code(), circuitConfig),
                    Bulkhead.of("provider-" + game.code(), bulkheadConfig), meters, t, propagation));
        }
        return new ProviderHttp.Wires(wires);
    }

    @Bean
    ProviderEndpoints providerEndpoints(Environment environment, SimulatorCredentials simulatorCredentials) {
        return new ProviderEndpoints(() -> environment.getRequiredProperty("gateway.providers.base-url"), simulatorCredentials);
    }

    @Bean
    ProviderRegistry providerRegistry(List<ProviderAdapter> adapters, ProviderHttp.Wires wires) {
        return new ProviderRegistry(adapters, wires);
    }
}
