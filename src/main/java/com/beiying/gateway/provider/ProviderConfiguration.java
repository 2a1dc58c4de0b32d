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
import java.util.EnumMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
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
    @Bean
    ProviderHttp.Wires providerWires(GatewayProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
                                     ObjectProvider<Propagator> propagator) {
        GatewayProperties.Providers p = properties.providers();
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
            wires.put(game, new ProviderHttp(game, client(p), p.readTimeout(), CircuitBreaker.of("provider-" + game.code(), circuitConfig),
                    Bulkhead.of("provider-" + game.code(), bulkheadConfig), meters, t, propagation));
        }
        return new ProviderHttp.Wires(wires);
    }

    /**
     * A provider's own HTTP/1.1 client: a pool of keep-alive connections as large as its bulkhead
     * (twice over, for a provider with a second host for launches or records), so a call never
     * waits for a connection its bulkhead admitted. The client does not retry (a repeated transfer
     * is the resolver's decision, never the transport's), follow redirects (a launch answers with
     * one) or keep cookies. Connections idle for a second are checked before reuse and closed
     * after ten, well before a server would close them under a request: a call on a connection the
     * provider has just closed fails, and for a transfer that is an unknown outcome.
     */
    static CloseableHttpClient client(GatewayProperties.Providers p) {
        Timeout read = Timeout.of(p.readTimeout());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(p.maxConcurrentCalls())
                .setMaxConnTotal(2 * p.maxConcurrentCalls())
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(read).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(p.connectTimeout()))
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(p.bulkheadWait()))
                        .setResponseTimeout(read)
                        .setConnectionKeepAlive(TimeValue.ofSeconds(10))
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(10))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
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
