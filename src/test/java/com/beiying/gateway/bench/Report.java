package com.beiying.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects the windows of every run and renders medians, ratios and targets as markdown. */
final class Report {
    /** The transfer check after a run's transfers. */
    record Books(int openAnswers, int unsettled, int mismatchedMembers, boolean ledgerOk, int violations) {
        boolean clean() {
            return unsettled == 0 && mismatchedMembers == 0 && ledgerOk;
        }
    }

    private record Key(String scenario, String loop, int clients) {
    }

    static final String FLOOR = "HTTP floor: GET /v1/games";
    static final String LOGIN = "Login";
    static final String TRANSFER = "Transfer (IN/OUT alternating)";
    static final String REGISTER = "Register (Argon2id hash)";

    private final Map<String, String> options;
    private final Map<Key, List<LoadRunner.Result>> results = new LinkedHashMap<>();
    private final List<Books> books = new ArrayList<>();
    private final List<BetScenarios.Collected> collections = new ArrayList<>();
    /** Feed records per second, per scenario and client count, one per run. */
    private final Map<Key, List<Double>> feedRecords = new LinkedHashMap<>();
    private double startSeconds = -1;

    Report(Map<String, String> options) {
        this.options = options;
    }

    void startSeconds(double seconds) {
        this.startSeconds = seconds;
    }

    void add(int run, String scenario, LoadRunner.Result result) {
        results.computeIfAbsent(new Key(scenario, result.loop(), result.clients()), k -> new ArrayList<>()).add(result);
    }

    void books(int run, Books b) {
        books.add(b);
    }

    void collection(BetScenarios.Collected c) {
        collections.add(c);
    }

    void feedRecords(String scenario, int clients, double recordsPerSecond) {
        feedRecords.computeIfAbsent(new Key(scenario, "closed", clients), k -> new ArrayList<>()).add(recordsPerSecond);
    }

    static String line(String scenario, LoadRunner.Result r) {
        LoadRunner.Usage u = r.usage();
        StringBuilder roles = new StringBuilder();
        u.roleCpuPercent().forEach((role, cpu) -> roles.append(' ').append(role).append(' ').append(pct(cpu)));
        return String.format(Locale.ROOT, "%-34s %-6s %4d clients: %9.0f /s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f ms  errors %s"
                        + "  cpu gw %s db %s bench %s  rss %s  heap %s", scenario, r.loop(), r.clients(), r.rate(),
                r.millis(50), r.millis(99), r.millis(99.9), r.errors() + (r.errorCodes().isEmpty() ? "" : " " + r.errorCodes()),
                pct(u.gatewayCpuPercent()),
                pct(u.databaseCpuPercent()), pct(u.benchCpuPercent()), mb(u.gatewayPeakRssBytes()), mb(u.gatewayPeakHeapBytes()))
                + (roles.isEmpty() ? "" : "\n    cpu by role:" + roles);
    }

    /** The ratio of two closed-loop rates at the highest client count, per run. */
    private double[] ratios(String scenario) {
        int max = results.keySet().stream().mapToInt(Key::clients).max().orElse(1);
        List<LoadRunner.Result> num = results.getOrDefault(new Key(scenario, "closed", max), List.of());
        List<LoadRunner.Result> den = results.getOrDefault(new Key(FLOOR, "closed", max), List.of());
        double[] out = new double[Math.min(num.size(), den.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = num.get(i).rate() / den.get(i).rate();
        }
        return out;
    }

    private double median(Key key, ToDoubleFunction<LoadRunner.Result> f) {
        return median(results.getOrDefault(key, List.of()).stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "login / HTTP floor:    %s (median %.2f; target >= 0.50)%n",
                list(ratios(LOGIN)), median(ratios(LOGIN))));
        b.append(String.format(Locale.ROOT, "transfer / HTTP floor: %s (median %.2f; target >= 0.30)%n",
                list(ratios(TRANSFER)), median(ratios(TRANSFER))));
        for (String[] t : targets()) {
            b.append(String.format("%-62s %-28s %s%n", t[0], t[1], t[2]));
        }
        for (String[] r : betRows()) {
            b.append(String.format("%-62s %s (median %s)%n", r[0], r[1], r[2]));
        }
        return b.toString();
    }

    /** The bet-record measures that are not request rates: what, each run, median. */
    private List<String[]> betRows() {
        List<String[]> rows = new ArrayList<>();
        if (!collections.isEmpty()) {
            int bets = collections.get(0).bets();
            double[] collected = collections.stream().mapToDouble(BetScenarios.Collected::collectedPerSecond).toArray();
            double[] published = collections.stream().mapToDouble(BetScenarios.Collected::publishedPerSecond).toArray();
            rows.add(new String[] {"Bet records collected per second (" + bets + " bets, 8 providers)", list0(collected),
                    fmt0(median(collected))});
            rows.add(new String[] {"Bet records published to the topic per second", list0(published), fmt0(median(published))});
            boolean exact = collections.stream().allMatch(c -> c.feedExact() && c.reconciled());
            rows.add(new String[] {"Feed holds each bet once, reconciliation clean", exact ? "yes" : "NO",
                    collections.stream().map(c -> c.feedRevisions() + (c.reconciled() ? " ok" : " NOT ok")).toList().toString()});
        }
        for (var e : feedRecords.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            rows.add(new String[] {e.getKey().scenario() + ", " + e.getKey().clients() + " clients: records read per second",
                    list0(v), fmt0(median(v))});
        }
        return rows;
    }

    private List<String[]> targets() {
        int max = results.keySet().stream().mapToInt(Key::clients).max().orElse(1);
        List<String[]> t = new ArrayList<>();
        double login = median(ratios(LOGIN));
        t.add(row("Login at " + max + " clients / HTTP floor >= 0.50", fmt(login), login >= 0.5));
        double p99 = median(new Key(LOGIN, "open", max), r -> r.millis(99));
        t.add(row("Login p99 at half that rate (open loop) <= 25 ms", fmt(p99) + " ms", p99 <= 25));
        double transfer = median(ratios(TRANSFER));
        t.add(row("Transfer at " + max + " clients / HTTP floor >= 0.30", fmt(transfer), transfer >= 0.3));
        boolean clean = !books.isEmpty() && books.stream().allMatch(Books::clean);
        t.add(row("Transfers: no lost or doubled movement, ledger check clean", books.toString(), clean));
        double sequential = median(new Key(LOGIN, "closed", 1), r -> r.millis(50));
        t.add(row("Sequential login p50 <= 2 ms", fmt(sequential) + " ms", sequential <= 2));
        double heap = results.values().stream().flatMap(List::stream)
                .mapToDouble(r -> r.usage().gatewayPeakHeapBytes()).max().orElse(-1) / (1024 * 1024);
        t.add(row("Gateway heap <= 512 MB (peak sampled)", heap < 0 ? "n/a" : fmt(heap) + " MB", heap >= 0 && heap <= 512));
        List<LoadRunner.Result> registers = results.getOrDefault(new Key(REGISTER, "closed", max), List.of());
        if (!registers.isEmpty()) {
            long timeouts = registers.stream().mapToLong(r -> r.errorCodes().getOrDefault("REPLY_TIMEOUT", 0L)).sum();
            long other = registers.stream().mapToLong(r -> r.errors() - r.errorCodes().getOrDefault("REPLY_TIMEOUT", 0L)
                    - r.errorCodes().getOrDefault("GATEWAY_BUSY", 0L)).sum();
            t.add(row("Register at " + max + " clients: no TIMEOUT, only Success or immediate BUSY",
                    registers.stream().map(r -> r.errorCodes().toString()).toList().toString(), timeouts == 0 && other == 0));
        }
        if (startSeconds >= 0) {
            t.add(row("Embedded start to first answered request <= 10 s", fmt(startSeconds) + " s", startSeconds <= 10));
        }
        return t;
    }

    private static String[] row(String what, String measured, boolean met) {
        return new String[] {what, measured, met ? "met" : "NOT met"};
    }

    /**
     * The line after which the file holds sections this report does not write (measurements of
     * other topologies, written by hand from {@code scripts/cluster bench}); they are kept when
     * the report above them is written again.
     */
    static final String KEPT_MARKER = "<!-- Sections below are not written by scripts/bench; it keeps them when it rewrites the report above. -->";

    /** The kept sections of the file the report replaces, from their marker on; empty when there are none. */
    static String keptSections(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String old = Files.readString(file);
        int at = old.indexOf(KEPT_MARKER);
        return at < 0 ? "" : "\n" + old.substring(at);
    }

    String markdown() throws IOException {
        int runs = results.values().stream().mapToInt(List::size).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("Written by `scripts/bench` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)))
                .append(". Every figure is the median of ").append(runs).append(" runs against the same gateway process; "
                        + "rates list every run. Do not edit by hand: run `scripts/bench` again.\n\n");
        b.append("## Machine\n\n");
        for (String[] m : machine()) {
            b.append("- ").append(m[0]).append(": ").append(m[1]).append('\n');
        }
        b.append("\n## How it measures\n\n");
        b.append("""
                - Every client is a thread with one keep-alive HTTP/1.1 connection and signs each request (fresh
                  nonce, HMAC-SHA256), as an operator would. The load generator runs on the same two cores as the
                  gateway, its broker and PostgreSQL; its own CPU is in the `bench CPU` column.
                - **closed** loop: each client sends its next request when the previous one is answered. This finds
                  the highest sustained rate; latency is measured from each send, so it is service time and hides
                  queueing before the send (coordinated omission).
                - **open** loop: requests are due on a fixed schedule at half the closed-loop rate at the highest
                  client count, whatever the answers; latency is measured from when a request was due, so a stall
                  is charged to every request that should have gone out during it (coordinated omission corrected).
                - Kafka request-reply: a record of a login command's size to a ping topic, an echo consumer that
                  produces it to a pong topic, a reader that completes the waiting client: the two hops a command
                  and its reply take, through the same broker, with the gateway's producer settings (acks=all,
                  idempotent). It is the ceiling for anything that goes through Kafka twice.
                - Latency percentiles come from HdrHistogram (microsecond resolution, 3 significant digits).
                - CPU is a percentage of one core over the measured window (200 % = both cores): `gateway` is the
                  gateway JVM (which in the embedded default also hosts the broker and the provider simulator),
                  `database` the PostgreSQL processes. `RSS` is the gateway's peak resident set in the window
                  (reset at its start), `heap` the highest heap use sampled every 200 ms from the actuator.
                - Login uses existing members whose eight provider accounts are already open; transfers move
                  10.00 in and out of KY, alternating per member. After them every member's provider balance is
                  compared with what the successful answers add up to, and the ledger check runs.
                - Bet records, last in each run: every member gets money at all eight providers, then the
                  simulator places the run's bets (`--bets`, split evenly over the providers and the members, each
                  losing its 1.00 stake) in one statement per provider, 45 to 5 s behind where each collector
                  stands, so that the next pull reads them all. **Collected** and **published** per second count
                  from the end of the placement until the gateway's counters `gateway.bets.collected{kind=revised}`
                  and `gateway.bets.published` (the relay's, after the broker acknowledged) have grown by every bet;
                  with a pull interval of 1 s, so that waiting for the next pull costs at most a second of it. The
                  operator's feed is then read once (each bet exactly once) and its wallets reconciled.
                - Bet feed: each client reads the operator's whole feed from the start, 500 a page, and starts over;
                  requests/s are pages. Bet record: one random known BetId a request. Both go the way the gateway was
                  started with (`gateway.bets.query-path`, in the row's name: `direct` at the ingress, `kafka`
                  through a worker); compare two invocations of `scripts/bench --bet-query-path`.
                - The gateway runs with simulated play off (`GATEWAY_SIMULATOR_PLAY_ENABLED=false`), so that no
                  bets but the benchmark's are collected and the books check stays exact.
                """);
        b.append("\n## Results (medians)\n\n");
        b.append("| Scenario | Clients | Loop | Requests/s (each run) | p50 ms | p99 ms | p99.9 ms | Errors | Gateway CPU % "
                + "| Database CPU % | Bench CPU % | Gateway peak RSS MB | Peak heap MB |\n");
        b.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : results.entrySet()) {
            Key k = e.getKey();
            List<LoadRunner.Result> rs = e.getValue();
            double[] rates = rs.stream().mapToDouble(LoadRunner.Result::rate).toArray();
            b.append("| ").append(k.scenario()).append(" | ").append(k.clients()).append(" | ").append(k.loop())
                    .append(" | **").append(fmt0(median(rates))).append("** (").append(list0(rates)).append(") | ")
                    .append(fmt(median(k, r -> r.millis(50)))).append(" | ").append(fmt(median(k, r -> r.millis(99))))
                    .append(" | ").append(fmt(median(k, r -> r.millis(99.9)))).append(" | ")
                    .append(rs.stream().mapToLong(LoadRunner.Result::errors).sum()).append(" | ")
                    .append(pct(median(k, r -> r.usage().gatewayCpuPercent()))).append(" | ")
                    .append(pct(median(k, r -> r.usage().databaseCpuPercent()))).append(" | ")
                    .append(pct(median(k, r -> r.usage().benchCpuPercent()))).append(" | ")
                    .append(mb((long) median(k, r -> r.usage().gatewayPeakRssBytes()))).append(" | ")
                    .append(mb((long) median(k, r -> r.usage().gatewayPeakHeapBytes()))).append(" |\n");
        }
        b.append("\nErrors are summed over all runs.\n");
        List<String[]> bets = betRows();
        if (!bets.isEmpty()) {
            b.append("\n## Bet records (medians)\n\n| Measure | Each run | Median |\n|---|---|---:|\n");
            for (String[] r : bets) {
                b.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | **").append(r[2]).append("** |\n");
            }
        }
        b.append("\n## Ratios (same run, highest client count, closed loop)\n\n");
        b.append("- login / HTTP floor: ").append(list(ratios(LOGIN))).append(", median **")
                .append(fmt(median(ratios(LOGIN)))).append("**\n");
        b.append("- transfer / HTTP floor: ").append(list(ratios(TRANSFER))).append(", median **")
                .append(fmt(median(ratios(TRANSFER)))).append("**\n");
        b.append("\n## Targets (issue 6)\n\n| Target | Measured | |\n|---|---|---|\n");
        for (String[] t : targets()) {
            b.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
        }
        return b.toString();
    }

    private List<String[]> machine() throws IOException {
        List<String[]> m = new ArrayList<>();
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        m.add(new String[] {"CPU", Runtime.getRuntime().availableProcessors() + " cores, " + cpu});
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB").orElse("unknown");
        m.add(new String[] {"Memory", mem});
        m.add(new String[] {"Kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim()});
        m.add(new String[] {"Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")});
        m.add(new String[] {"Gateway", options.getOrDefault("gateway", "a running gateway at " + options.get("url"))});
        if (options.containsKey("commit")) {
            m.add(new String[] {"Commit", options.get("commit")});
        }
        m.add(new String[] {"Windows", options.getOrDefault("warmup", "3") + " s warm-up, then "
                + options.getOrDefault("seconds", "6") + " s measured, per row and run"});
        return m;
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.isEmpty() ? "" : " / ").append(fmt(d));
        }
        return b.toString();
    }

    private static String list0(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.isEmpty() ? "" : " / ").append(fmt0(d));
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String fmt0(double d) {
        return String.format(Locale.ROOT, "%.0f", d);
    }

    private static String pct(double d) {
        return d < 0 || Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.0f", d);
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : Long.toString(bytes / (1024 * 1024));
    }
}
