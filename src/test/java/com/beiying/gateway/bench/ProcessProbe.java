package com.beiying.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the gateway process, the PostgreSQL processes and the benchmark itself use, from
 * {@code /proc} (Linux): CPU as a percentage of one core over the window, the gateway's peak RSS
 * (its high-water mark is reset at the start of each window) and its peak heap, sampled from the
 * actuator (on the management port) every 200 ms.
 */
final class ProcessProbe implements LoadRunner.Probe {
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final long gatewayPid;
    private final URI base;
    private final URI heapMetric;
    private final URI backlogMetric;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final com.sun.management.OperatingSystemMXBean self =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long beganNanos;
    private long gatewayTicks;
    private long databaseTicks;
    private long benchCpuNanos;
    private final AtomicLong peakHeap = new AtomicLong(-1);
    private volatile Thread sampler;

    /** {@code gatewayPid} 0 when the gateway is not on this machine's process table; {@code base} is the management port's. */
    ProcessProbe(long gatewayPid, URI base) {
        this.gatewayPid = gatewayPid;
        this.base = base;
        this.heapMetric = base.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap");
        this.backlogMetric = base.resolve("/actuator/metrics/gateway.worker.active.members");
    }

    @Override
    public void begin() {
        beganNanos = System.nanoTime();
        gatewayTicks = gatewayPid > 0 ? ticks(gatewayPid) : -1;
        databaseTicks = postgresTicks();
        benchCpuNanos = self.getProcessCpuTime();
        if (gatewayPid > 0) {
            try {
                // "5" resets the peak RSS, so each window reports its own.
                Files.writeString(Path.of("/proc/" + gatewayPid + "/clear_refs"), "5");
            } catch (IOException ignored) {
                // not ours to reset: the peak is then the process's lifetime peak
            }
        }
        peakHeap.set(-1);
        Thread t = new Thread(this::sampleHeap, "bench-heap-sampler");
        t.setDaemon(true);
        sampler = t;
        t.start();
    }

    @Override
    public LoadRunner.Usage end() {
        double seconds = (System.nanoTime() - beganNanos) / 1e9;
        Thread t = sampler;
        sampler = null;
        if (t != null) {
            t.interrupt();
        }
        double gateway = gatewayPid > 0 ? percent(ticks(gatewayPid) - gatewayTicks, seconds) : -1;
        double database = percent(postgresTicks() - databaseTicks, seconds);
        double bench = (self.getProcessCpuTime() - benchCpuNanos) / 1e9 / seconds * 100;
        long rss = gatewayPid > 0 ? peakRss(gatewayPid) : -1;
        return new LoadRunner.Usage(gateway, database, bench, rss, peakHeap.get());
    }

    /** The heap in use now, or -1 when the actuator does not say. */
    long heapUsed() {
        return (long) metric(heapMetric);
    }

    /** Members with commands queued or running on the worker now, or -1 when the actuator does not say. */
    long workerBacklog() {
        return (long) metric(backlogMetric);
    }

    /**
     * A metric of the actuator ({@code gateway.bets.published}, or with a tag filter such as
     * {@code gateway.bets.collected?tag=kind:revised}, summed over the other tags), or -1 when the
     * actuator does not say.
     */
    double metric(String nameAndQuery) {
        return metric(base.resolve("/actuator/metrics/" + nameAndQuery));
    }

    private double metric(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = VALUE.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void sampleHeap() {
        while (sampler == Thread.currentThread()) {
            long used = heapUsed();
            peakHeap.accumulateAndGet(used, Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double percent(long ticks, double seconds) {
        return ticks < 0 ? -1 : ticks * 100.0 / TICKS_PER_SECOND / seconds;
    }

    /** utime + stime of a process, in clock ticks; -1 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(ProcessProbe::isPostgres)
                    .mapToLong(p -> Math.max(0, ticks(Long.parseLong(p.getFileName().toString()))))
                    .sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean isPostgres(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).trim().equals("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone
        }
        return -1;
    }
}
