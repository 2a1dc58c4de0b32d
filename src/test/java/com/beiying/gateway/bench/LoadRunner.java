package com.beiying.gateway.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Drives a workload with a fixed number of clients, each a thread with one keep-alive connection.
 *
 * <p>Closed loop: every client sends its next request as soon as the previous one is answered,
 * which finds the highest rate the gateway sustains; latency is measured from each send, so under
 * saturation it shows service time, not what a waiting caller sees (coordinated omission).
 *
 * <p>Open loop: requests are due on a fixed schedule ({@code rate} per second) regardless of
 * answers; a free client takes the next due request and latency is measured from when it was due,
 * not from when it could be sent. A gateway that stalls therefore pays for every request that
 * should have been sent during the stall, which is how this loop corrects coordinated omission.
 */
final class LoadRunner {
    /** Sees the gateway's resource use over the measured window. */
    interface Probe {
        /** The measured window starts. */
        void begin();

        /** The measured window ended; what it used. */
        Usage end();
    }

    /**
     * Resource use of the measured window; -1 where not known. {@code roleCpuPercent}: with
     * {@code --role-pids}, each role's CPU (percent of one core), and the database's split by
     * the role of the client each backend serves ({@code database:worker} and so on).
     */
    record Usage(double gatewayCpuPercent, double databaseCpuPercent, double benchCpuPercent, long gatewayPeakRssBytes,
                 long gatewayPeakHeapBytes, Map<String, Double> roleCpuPercent) {
        static final Usage UNKNOWN = new Usage(-1, -1, -1, -1, -1, Map.of());
    }

    /** The outcome of one measured window; latencies in microseconds. */
    record Result(String loop, int clients, double seconds, long requests, long errors, Histogram latency, Usage usage,
                  List<String> errorSamples, Map<String, Long> errorCodes) {
        double rate() {
            return requests / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** One client's connection: sends one request and waits for its answer. */
    interface Session extends AutoCloseable {
        /** One exchange; null when it succeeded, else what went wrong. */
        String exchange() throws Exception;

        /** Drops the connection after a failure; the next exchange opens a new one. */
        default void reset() {
        }

        @Override
        default void close() {
        }
    }

    private final Duration warmUp;
    private final Duration measure;

    LoadRunner(Duration warmUp, Duration measure) {
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** Closed loop with {@code clients} clients. */
    Result closed(IntFunction<Session> sessions, int clients, Probe probe) throws InterruptedException {
        return run(sessions, clients, 0, probe);
    }

    /** Open loop at {@code rate} requests per second, at most {@code clients} in flight. */
    Result open(IntFunction<Session> sessions, int clients, double rate, Probe probe) throws InterruptedException {
        return run(sessions, clients, rate, probe);
    }

    /** Signed HTTP requests of a workload, one keep-alive connection per client. */
    static IntFunction<Session> http(URI base, Signer signer, Workload workload) {
        return http(List.of(base), signer, workload);
    }

    /**
     * Signed HTTP requests of a workload, one keep-alive connection per client; with several
     * gateways (ingress instances), client {@code i} talks to gateway {@code i mod n}.
     */
    static IntFunction<Session> http(List<URI> bases, Signer signer, Workload workload) {
        return client -> new Session() {
            private final HttpConnection connection = new HttpConnection(bases.get(client % bases.size()));

            @Override
            public String exchange() throws Exception {
                Workload.Request request = workload.next(client);
                HttpConnection.Response response = connection.exchange(request.method(), request.path(),
                        signer.headers(request.method(), request.path(), request.body()), request.body());
                return workload.answered(client, request, response) ? null : response.status() + " " + response.text();
            }

            @Override
            public void reset() {
                connection.close();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    private Result run(IntFunction<Session> sessions, int clients, double rate, Probe probe) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        long interval = rate > 0 ? Math.max(1, (long) (1e9 / rate)) : 0;
        AtomicLong tickets = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<String, LongAdder> codes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            histograms.add(h);
            int client = c;
            Thread thread = new Thread(() -> {
                try (Session session = sessions.apply(client)) {
                    LockSupport.parkNanos(start - System.nanoTime());
                    while (true) {
                        long due;
                        if (interval > 0) {
                            due = start + tickets.getAndIncrement() * interval;
                            if (due >= end) {
                                return;
                            }
                            LockSupport.parkNanos(due - System.nanoTime());
                        } else {
                            due = System.nanoTime();
                            if (due >= end) {
                                return;
                            }
                        }
                        String error;
                        try {
                            error = session.exchange();
                        } catch (Exception e) {
                            error = e.toString();
                            session.reset();
                        }
                        boolean ok = error == null;
                        if (!ok && samples.size() < 5) {
                            samples.add(error);
                        }
                        long done = System.nanoTime();
                        // Open loop: every request due in the window counts, however late it ends.
                        // Closed loop: every answer that arrives in the window counts, whenever it
                        // was sent, so that requests slower than the window still show as a rate.
                        if (interval > 0 ? due >= measureFrom : done >= measureFrom && done <= end) {
                            h.recordValue(Math.max(1, (done - due) / 1000));
                            requests.incrementAndGet();
                            if (!ok) {
                                errors.incrementAndGet();
                                codes.computeIfAbsent(errorCode(error), k -> new LongAdder()).increment();
                            }
                        }
                    }
                }
            }, "bench-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        probe.begin();
        LockSupport.parkNanos(end - System.nanoTime());
        Usage usage = probe.end();
        for (Thread t : threads) {
            t.join();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        histograms.forEach(all::add);
        return new Result(interval > 0 ? "open" : "closed", clients, measure.toNanos() / 1e9, requests.get(), errors.get(),
                all, usage, List.copyOf(samples), codes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(), Long::sum, TreeMap::new)));
    }

    private static final Pattern ERROR_CODE = Pattern.compile("\"ErrorCode\":\"([A-Z_]+)\"");

    /** The catalogued ErrorCode an error answer carries, or what kind of failure it was. */
    static String errorCode(String error) {
        Matcher m = ERROR_CODE.matcher(error);
        return m.find() ? m.group(1) : error.startsWith("java.") ? "exception" : "other";
    }
}
