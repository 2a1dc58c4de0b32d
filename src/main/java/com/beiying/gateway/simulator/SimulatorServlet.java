package com.beiying.gateway.simulator;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The simulated providers' wire ({@code /simulator/v1/<game>/...}): a plain servlet beside Spring
 * MVC's dispatcher, registered for the eight games' paths by {@link SimulatorWeb}. A provider call
 * is on the path of every login and transfer, and the dispatcher (handler lookup, argument
 * resolution, interceptors) added work to each that a real provider's call does not cost us. The control API ({@code _control}) stays on {@link SimulatorController}.
 * Delayed answers are completed by a timer, so a hanging provider holds no thread.
 */
final class SimulatorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Longer than any client's patience: the answer of a "timeout" fault never arrives in time. */
    private static final long NEVER_MILLIS = 60_000;
    static final String BASE = "/simulator/v1/";

    private final transient Map<String, ProviderSide> sides = new HashMap<>();
    private final transient SimulatorFaults faults;

    SimulatorServlet(List<ProviderSide> sides, SimulatorFaults faults) {
        sides.forEach(side -> this.sides.put(side.game(), side));
        this.faults = faults;
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
     * take, and an async dispatch per call would cost as much as the call itself. Faults that delay
     * the answer go async, so no thread is held.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String game = game(request.getRequestURI());
        ProviderSide side = sides.get(game);
        if (side == null) {
            write(response, SimResponse.json(404, "{\"error\":\"no such provider\"}"));
            return;
        }
        ProviderSide.Call call = side.route(simRequest(game, request));
        if (call.refused() != null) {
            write(response, call.refused());
            return;
        }
        Optional<SimulatorFaults.Fault> fault = faults.take(game, call.operation());
        if (fault.isEmpty()) {
            write(response, call.apply().get());
            return;
        }
        SimulatorFaults.Fault f = fault.get();
        switch (f.kind()) {
            case MAINTENANCE -> write(response, call.maintenance());
            case ERROR -> write(response, call.systemError());
            case LATENCY -> later(request, f.millis(), call.apply());
            case TIMEOUT_BEFORE -> later(request, NEVER_MILLIS, call::systemError);
            case TIMEOUT_AFTER -> {
                SimResponse applied = call.apply().get();
                later(request, NEVER_MILLIS, () -> applied);
            }
            case SLOW_DRIP -> drip(request, call.apply().get(), Math.max(1, f.millis()));
        }
    }

    private static SimRequest simRequest(String game, HttpServletRequest request) throws IOException {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), BASE.length() + game.length()));
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(64 * 1024);
        }
        return new SimRequest(request.getMethod(), path, SimRequest.decode(request.getQueryString()), headers, body);
    }

    private static void write(HttpServletResponse response, SimResponse r) throws IOException {
        response.setStatus(r.status());
        response.setContentType(r.contentType());
        response.setContentLength(r.body().length);
        response.getOutputStream().write(r.body());
    }

    /** Answers after a delay on a timer; the request's thread is released at once. */
    private static void later(HttpServletRequest request, long millis, Supplier<SimResponse> answer) {
        Delayed delayed = new Delayed(request, millis);
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                if (delayed.open()) {
                    write(delayed.response(), answer.get());
                }
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
            } finally {
                delayed.complete();
            }
        });
    }

    /** Sends the headers, then the body one byte per {@code millis}, each byte from a timer. */
    private static void drip(HttpServletRequest request, SimResponse r, long millis) {
        Delayed delayed = new Delayed(request, r.body().length * millis);
        HttpServletResponse response = delayed.response();
        response.setStatus(r.status());
        response.setContentType(r.contentType());
        response.setContentLength(r.body().length);
        dripFrom(delayed, r.body(), 0, millis);
    }

    private static void dripFrom(Delayed delayed, byte[] body, int index, long millis) {
        CompletableFuture.delayedExecutor(index == 0 ? 0 : millis, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                if (delayed.open()) {
                    var out = delayed.response().getOutputStream();
                    out.write(body[index]);
                    out.flush();
                    if (index + 1 < body.length) {
                        dripFrom(delayed, body, index + 1, millis);
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the caller gave up and closed the connection
            }
            delayed.complete();
        });
    }

    /**
     * An answer written later from a timer thread. Once the container reports an error or a
     * timeout (the caller left), the timer must not touch the request again.
     */
    private static final class Delayed implements AsyncListener {
        private final AsyncContext async;
        private final AtomicBoolean done = new AtomicBoolean();

        Delayed(HttpServletRequest request, long answerMillis) {
            this.async = request.startAsync();
            async.setTimeout(answerMillis + 10_000);
            async.addListener(this);
        }

        boolean open() {
            return !done.get();
        }

        HttpServletResponse response() {
            return (HttpServletResponse) async.getResponse();
        }

        void complete() {
            if (done.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            done.set(true);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            done.set(true);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

}
