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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private static final Pattern CLIENT_PORT = Pattern.compile("\\((\\d+)\\)");
    private static final String DATABASE = "database";

    private final long gatewayPid;
    /** Pids per role of a split gateway ({@code --role-pids}); empty for one process. */
    private final Map<String, List<Long>> rolePids;
    private Map<String, Long> roleTicks = Map.of();
    private Map<Long, Long> backendTicks = Map.of();
    private long postmasterTicks;
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
    ProcessProbe(long gatewayPid, URI base, Map<String, List<Long>> rolePids) {
        this.gatewayPid = gatewayPid;
        this.rolePids = rolePids;
        this.base = base;
        this.heapMetric = base.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap");
        this.backlogMetric = base.resolve("/actuator/metrics/gateway.worker.active.members");
    }

    @Override
    public void begin() {
        beganNanos = System.nanoTime();
        gatewayTicks = gatewayPid > 0 ? ticks(gatewayPid) : -1;
        databaseTicks = postgresTicks();
        roleTicks = roleTicks();
        backendTicks = backendTicks();
        postmasterTicks = postmasterTicks();
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
        Map<String, Double> roles = new LinkedHashMap<>();
        if (!rolePids.isEmpty()) {
            Map<String, Long> now = roleTicks();
            now.forEach((role, ticks) -> roles.put(role, percent(ticks - roleTicks.getOrDefault(role, ticks), seconds)));
            // Split gateway: its CPU is every JVM role's; the database's is its own postmaster's family only.
            gateway = roles.entrySet().stream().filter(e -> !e.getKey().equals(DATABASE)).mapToDouble(Map.Entry::getValue).sum();
            if (roles.containsKey(DATABASE)) {
                database = roles.get(DATABASE);
                databaseByClient(seconds).forEach((role, cpu) -> roles.put(DATABASE + ":" + role, cpu));
            }
        }
        double bench = (self.getProcessCpuTime() - benchCpuNanos) / 1e9 / seconds * 100;
        long rss = gatewayPid > 0 ? peakRss(gatewayPid) : -1;
        return new LoadRunner.Usage(gateway, database, bench, rss, peakHeap.get(), roles);
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

    /** {@code ingress=1,2;worker=3;database=4} as role to pids. */
    static Map<String, List<Long>> rolePids(String spec) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] roleAndPids = part.split("=", 2);
            List<Long> pids = new ArrayList<>();
            for (String pid : roleAndPids[1].split(",")) {
                pids.add(Long.parseLong(pid.trim()));
            }
            out.put(roleAndPids[0].trim(), pids);
        }
        return out;
    }

    /** Each role's CPU ticks; the database role counts its postmaster and every process it started. */
    private Map<String, Long> roleTicks() {
        Map<String, Long> out = new LinkedHashMap<>();
        rolePids.forEach((role, pids) -> {
            long sum = 0;
            for (long pid : pids) {
                sum += Math.max(0, ticks(pid));
                if (role.equals(DATABASE)) {
                    for (long child : children(pid)) {
                        sum += Math.max(0, ticks(child));
                    }
                }
            }
            out.put(role, sum);
        });
        return out;
    }

    /** CPU ticks of every process the database's postmaster started (backends and its own workers). */
    private Map<Long, Long> backendTicks() {
        Map<Long, Long> out = new HashMap<>();
        for (long postmaster : rolePids.getOrDefault(DATABASE, List.of())) {
            for (long child : children(postmaster)) {
                out.put(child, Math.max(0, ticks(child)));
            }
        }
        return out;
    }

    /**
     * The database's CPU of the window by whom it served: each backend's client port (in its
     * process title) belongs to a socket of one of the roles' JVMs; PostgreSQL's own processes
     * (checkpointer, WAL writer, ...) and the postmaster are "background".
     */
    private Map<String, Double> databaseByClient(double seconds) {
        Map<Integer, String> portRoles = clientPortRoles();
        Map<String, Long> ticks = new TreeMap<>();
        Map<Long, Long> now = backendTicks();
        now.forEach((pid, t) -> {
            String role = "background";
            Matcher m = CLIENT_PORT.matcher(cmdline(pid));
            if (m.find()) {
                role = portRoles.getOrDefault(Integer.parseInt(m.group(1)), "other");
            }
            ticks.merge(role, t - backendTicks.getOrDefault(pid, 0L), Long::sum);
        });
        ticks.merge("background", postmasterTicks() - postmasterTicks, Long::sum);
        Map<String, Double> out = new LinkedHashMap<>();
        ticks.forEach((role, t) -> out.put(role, percent(t, seconds)));
        return out;
    }

    private long postmasterTicks() {
        long sum = 0;
        for (long pid : rolePids.getOrDefault(DATABASE, List.of())) {
            sum += Math.max(0, ticks(pid));
        }
        return sum;
    }

    /** Local TCP port to the role whose JVM holds that socket. */
    private Map<Integer, String> clientPortRoles() {
        Map<Long, String> inodeRoles = new HashMap<>();
        rolePids.forEach((role, pids) -> {
            if (role.equals(DATABASE)) {
                return;
            }
            for (long pid : pids) {
                try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                    fds.forEach(fd -> {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")) {
                                inodeRoles.put(Long.parseLong(target.substring(8, target.length() - 1)), role);
                            }
                        } catch (IOException | RuntimeException ignored) {
                            // closed meanwhile
                        }
                    });
                } catch (IOException ignored) {
                    // gone
                }
            }
        });
        Map<Integer, String> out = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[1].contains(":")) {
                        continue;
                    }
                    try {
                        String role = inodeRoles.get(Long.parseLong(f[9]));
                        if (role != null) {
                            out.put(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16), role);
                        }
                    } catch (NumberFormatException ignored) {
                        // the header line
                    }
                }
            } catch (IOException ignored) {
                // no IPv6
            }
        }
        return out;
    }

    private static List<Long> children(long parent) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == parent) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone
                }
            });
        } catch (IOException ignored) {
            // no /proc
        }
        return out;
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
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
