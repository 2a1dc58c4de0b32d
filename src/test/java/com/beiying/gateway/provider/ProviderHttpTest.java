package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wire's decisions against a real HTTP server on loopback: what a provider's answer, a late
 * body, a refused connection and a server error mean for a call that may move money, and that
 * calls share kept-alive connections.
 */
class ProviderHttpTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(600);

    private HttpServer server;
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private ProviderHttp.Wires wires;
    private ProviderHttp wire;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "provider-under-test");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"code\":0}"));
        server.createContext("/fail", exchange -> answer(exchange, 500, "{\"code\":-1}"));
        server.createContext("/busy", exchange -> answer(exchange, 503, "{\"code\":-1}"));
        server.createContext("/drip", this::drip);
        server.start();
        GatewayProperties.Providers settings = new GatewayProperties.Providers(null, Duration.ofMillis(500), READ_TIMEOUT, 4,
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5));
        wire = new ProviderHttp(Game.KY, ProviderConfiguration.client(settings), READ_TIMEOUT, CircuitBreaker.ofDefaults("t"),
                Bulkhead.ofDefaults("t"), new SimpleMeterRegistry(), Tracer.NOOP, Propagator.NOOP);
        wires = new ProviderHttp.Wires(Map.of(Game.KY, wire));
    }

    @AfterEach
    void stop() {
        wires.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        clients.add(exchange.getRemoteAddress());
        calls.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Headers at once, then one byte of a long body every 100 ms: complete only after 5 s. */
    private void drip(HttpExchange exchange) throws IOException {
        byte[] body = "x".repeat(50).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        try {
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
            out.close();
        } catch (IOException | InterruptedException e) {
            // the client dropped the connection, as it should
            exchange.close();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void answersAreReadAndCallsShareOneKeptAliveConnection() {
        for (int i = 0; i < 5; i++) {
            ProviderHttp.Answer a = wire.call("balance", ProviderHttp.Request.post(uri("/ok"), "application/json", "{}")
                    .header("token", "t"));
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo("{\"code\":0}");
            assertThat(a.headers()).containsKey("content-length");
        }
        assertThat(calls).hasValue(5);
        assertThat(clients).as("client ports seen by the server").hasSize(1);
    }

    @Test
    void aBodyLaterThanTheDeadlineIsAnUnknownOutcomeWithinTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> wire.callMovingMoney("transfer", ProviderHttp.Request.get(uri("/drip"))))
                .isInstanceOfSatisfying(ProviderHttp.Unavailable.class, e -> assertThat(e.mayHaveApplied()).isTrue());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // The deadline and one byte's interval, not the 5 s the whole body would take.
        assertThat(took).isLessThan(READ_TIMEOUT.plusMillis(1_000));
    }

    @Test
    void aServerErrorMayHaveAppliedButA503DidNot() {
        assertThatThrownBy(() -> wire.callMovingMoney("transfer", ProviderHttp.Request.get(uri("/fail"))))
                .isInstanceOfSatisfying(ProviderHttp.Unavailable.class, e -> assertThat(e.mayHaveApplied()).isTrue());
        assertThatThrownBy(() -> wire.callMovingMoney("transfer", ProviderHttp.Request.get(uri("/busy"))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.PROVIDER_BUSY));
    }

    @Test
    void aRefusedConnectionCannotHaveMovedMoney() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> wire.callMovingMoney("transfer", ProviderHttp.Request.get(URI.create("http://127.0.0.1:" + closed + "/"))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error()).isEqualTo(Errors.PROVIDER_BUSY));
    }
}
