package com.beiying.gateway.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated providers' wire ({@code /simulator/v1/<game>/...}) on an HTTP server of its own,
 * the JDK's {@code com.sun.net.httpserver}, on a port apart from the gateway's. A provider call is
 * on the path of every login and transfer; on the gateway's Tomcat it passed the servlet filter
 * chain (security headers, observations, the error page machinery) and shared the container's
 * threads with the operators' requests, costs a real provider's call does not put on our machine.
 * The control API ({@code _control}) stays on {@link SimulatorController}, on the gateway's port.
 * Delayed answers are completed by a timer, so a hanging provider holds no thread.
 */
final class SimulatorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    /** Longer than any client's patience: the answer of a "timeout" fault never arrives in time. */
    private static final long NEVER_MILLIS = 60_000;
    static final String BASE = "/simulator/v1/";

    static {
        // The JDK server leaves Nagle's algorithm on unless told (read once, when its first server is
        // made): a small answer would then wait for the client's delayed ACK, up to 40 ms a call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Map<String, ProviderSide> sides = new HashMap<>();
    private final SimulatorFaults faults;
    private final HttpServer server;
    private final ExecutorService threads;

    /**
     * Binds and starts at once, so the port is known before any adapter's first call.
     *
     * @param threads calls served at the same time (each holds its thread for the simulator's own
     *                statements); delayed answers hold none
     */
    SimulatorServer(List<ProviderSide> sides, SimulatorFaults faults, String address, int port, int threads) throws IOException {
        sides.forEach(side -> this.sides.put(side.game(), side));
        this.faults = faults;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(address, port), 256);
        server.createContext(BASE, this::serve);
        server.setExecutor(this.threads);
        server.start();
        log.info("simulated providers listen on http://{}:{}{}", address, port(), BASE);
    }

    /** The port the server listens on (the configured one, or the free one it was given for 0). */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The game of a request URI below {@link #BASE}. */
    static String game(String uri) {
        int from = Math.min(uri.length(), BASE.length());
        int slash = uri.indexOf('/', from);
        return uri.substring(from, slash < 0 ? uri.length() : slash);
    }

    /**
     * A provider call, in whatever method and path that provider uses. Answers without a fault are
     * written at once on the request's thread: this is the path every benchmark and most tests
     * take. Faults that delay the answer leave the exchange to a timer and free the thread.
     */
    private void serve(HttpExchange exchange) throws IOException {
        try {
            String game = game(exchange.getRequestURI().getRawPath());
            ProviderSide side = sides.get(game);
            if (side == null) {
                write(exchange, SimResponse.json(404, "{\"error\":\"no such provider\"}"));
                return;
            }
            ProviderSide.Call call = side.route(simRequest(game, exchange));
            if (call.refused() != null) {
                write(exchange, call.refused());
                return;
            }
            Optional<SimulatorFaults.Fault> fault = faults.take(game, call.operation());
            if (fault.isEmpty()) {
                write(exchange, call.apply().get());
                return;
            }
            SimulatorFaults.Fault f = fault.get();
            switch (f.kind()) {
                case MAINTENANCE -> write(exchange, call.maintenance());
                case ERROR -> write(exchange, call.systemError());
                case LATENCY -> later(exchange, f.millis(), call.apply());
                case TIMEOUT_BEFORE -> later(exchange, NEVER_MILLIS, call::systemError);
                case TIMEOUT_AFTER -> {
                    SimResponse applied = call.apply().get();
                    later(exchange, NEVER_MILLIS, () -> applied);
                }
                case SLOW_DRIP -> drip(exchange, call.apply().get(), Math.max(1, f.millis()));
            }
        } catch (RuntimeException e) {
            // What Tomcat's error page did: the caller sees a server error, the log says why.
            log.warn("simulator call {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            write(exchange, SimResponse.json(500, "{\"error\":\"simulator failure\"}"));
        }
    }

    private static SimRequest simRequest(String game, HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().getRawPath();
        String path = uri.substring(Math.min(uri.length(), BASE.length() + game.length()));
        Map<String, String> headers = new HashMap<>();
        Headers given = exchange.getRequestHeaders();
        given.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(64 * 1024);
        }
        return new SimRequest(exchange.getRequestMethod(), path, SimRequest.decode(exchange.getRequestURI().getRawQuery()),
                headers, body);
    }

    private static void write(HttpExchange exchange, SimResponse r) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(r.body());
        }
    }

    /** Answers after a delay on a timer; the request's thread is released at once. */
    private static void later(HttpExchange exchange, long millis, Supplier<SimResponse> answer) {
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                write(exchange, answer.get());
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
                exchange.close();
            }
        });
    }

    /** Sends the headers, then the body one byte per {@code millis}, each byte from a timer. */
    private static void drip(HttpExchange exchange, SimResponse r, long millis) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        dripFrom(exchange, r.body(), 0, millis);
    }

    private static void dripFrom(HttpExchange exchange, byte[] body, int index, long millis) {
        CompletableFuture.delayedExecutor(index == 0 ? 0 : millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                OutputStream out = exchange.getResponseBody();
                if (index < body.length) {
                    out.write(body[index]);
                    out.flush();
                }
                if (index + 1 < body.length) {
                    dripFrom(exchange, body, index + 1, millis);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
            }
            exchange.close();
        });
    }
}
