package com.beiying.gateway.bench;

import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.MessageCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code scripts/bench}: measures the gateway against the limits of the same machine in the same
 * run and writes {@code docs/benchmarks.md}. See the README, "Benchmark".
 *
 * <pre>
 * java ... com.beiying.gateway.bench.Bench --url http://localhost:8080 --admin-token T [--management-url http://127.0.0.1:8081] [--pid P]
 *     [--kafka localhost:9092] [--runs 3] [--warmup 3] [--seconds 6] [--clients 1,64,256]
 *     [--started-at epochMillis] [--gateway "how it was started"] [--out docs/benchmarks.md]
 *     [--scenarios kafka,floor,login,transfer,register,collect,betfeed,betrecord] [--bets 20000]
 *     [--feed-clients 1,8] [--bet-query-path direct|kafka (how the gateway was started; names the rows)]
 *     [--role-pids "ingress=P,P;worker=P,P;broker=P;simulator=P;database=P" (CPU per role of a split
 *      gateway; database: the postmaster, its backends split by the role of their client)]
 *
 * --url may list several gateways (http://a:8081,http://b:8082): the clients are spread over them.
 * </pre>
 */
public final class Bench {
    private final Map<String, String> options;
    private final URI base;
    /** Every gateway the load goes to ({@code --url} may list several ingress instances); admin calls use the first. */
    private final List<URI> bases;
    private final String adminToken;
    private final LoadRunner runner;
    private final ProcessProbe probe;
    private final int[] levels;
    private final int maxClients;
    /** Client counts of the feed readers (each reads the whole feed, so fewer than the other scenarios). */
    private final int[] feedLevels;
    private final BetScenarios betScenarios;
    /** Every member's UserId (its provider account names derive from it). */
    private final Map<String, Long> userIds = new ConcurrentHashMap<>();

    private Bench(Map<String, String> options) {
        this.options = options;
        this.bases = Arrays.stream(options.getOrDefault("url", "http://localhost:8080").split(",")).map(URI::create).toList();
        this.base = bases.get(0);
        this.adminToken = required(options, "admin-token");
        this.runner = new LoadRunner(Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "3"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "6"))));
        // The actuator answers on the management port (127.0.0.1:8081 by default), not on the API's.
        this.probe = new ProcessProbe(Long.parseLong(options.getOrDefault("pid", "0")),
                URI.create(options.getOrDefault("management-url", "http://127.0.0.1:8081")),
                ProcessProbe.rolePids(options.getOrDefault("role-pids", "")));
        this.levels = Arrays.stream(options.getOrDefault("clients", "1,64,256").split(","))
                .mapToInt(Integer::parseInt).toArray();
        this.maxClients = Arrays.stream(levels).max().orElse(1);
        this.feedLevels = Arrays.stream(options.getOrDefault("feed-clients", "1,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        this.betScenarios = new BetScenarios(this, base, adminToken, probe);
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.exit(new Bench(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Report report = new Report(options);
        if (options.containsKey("started-at")) {
            report.startSeconds(awaitFirstAnswer(Long.parseLong(options.get("started-at"))));
        }
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        warmUp();
        for (int r = 1; r <= runs; r++) {
            System.out.printf("%n== run %d of %d ==%n", r, runs);
            measure(report, r);
        }
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        Files.writeString(out, report.markdown() + Report.keptSections(out));
        System.out.println();
        System.out.println(report.summary());
        System.out.println("written to " + out);
        return true;
    }

    /**
     * Runs every workload for a while before anything is measured: on two cores the JIT compilers
     * take most of the CPU for the first minute of traffic, which would otherwise land in run 1.
     */
    private void warmUp() throws Exception {
        long seconds = Long.parseLong(options.getOrDefault("jit-warmup", "20"));
        if (seconds <= 0) {
            return;
        }
        System.out.printf("warming up the gateway for about %d s (not measured)%n", seconds * 4);
        String tag = "bw" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        Signer signer = operator(tag).signer();
        List<String> members = members(signer, tag, 64);
        LoadRunner warm = new LoadRunner(Duration.ZERO, Duration.ofSeconds(seconds));
        LoadRunner.Probe none = new LoadRunner.Probe() {
            @Override
            public void begin() {
            }

            @Override
            public LoadRunner.Usage end() {
                return LoadRunner.Usage.UNKNOWN;
            }
        };
        warm.closed(LoadRunner.http(bases, signer, Workloads.games()), 64, none);
        warm.closed(LoadRunner.http(bases, signer, Workloads.login(members)), 64, none);
        warm.closed(LoadRunner.http(bases, signer, new Workloads.Transfers(members, tag + "o")), 64, none);
        warm.closed(LoadRunner.http(bases, signer, Workloads.register(tag + "r")), 8, none);
    }

    private void measure(Report report, int run) throws Exception {
        String tag = "b" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36) + run;
        Operator operator = operator(tag);
        Signer signer = operator.signer();
        List<String> members = members(signer, tag, maxClients);

        if (only("kafka")) {
            try (KafkaPingPong kafka = new KafkaPingPong(options.getOrDefault("kafka", "localhost:9092"), tag, 12, maxClients,
                    commandBytes())) {
                for (int clients : levels) {
                    record(report, run, "Kafka request-reply (broker limit)", runner.closed(kafka.sessions(), clients, probe));
                }
            }
        }
        Workloads.Transfers transfers = new Workloads.Transfers(members, tag + "o");
        Map<String, IntFunction<LoadRunner.Session>> scenarios = new LinkedHashMap<>();
        if (only("floor")) {
            scenarios.put("HTTP floor: GET /v1/games", LoadRunner.http(bases, signer, Workloads.games()));
        }
        if (only("login")) {
            scenarios.put("Login", LoadRunner.http(bases, signer, Workloads.login(members)));
        }
        if (only("transfer")) {
            scenarios.put("Transfer (IN/OUT alternating)", LoadRunner.http(bases, signer, transfers));
        }
        for (var scenario : scenarios.entrySet()) {
            closedThenOpen(report, run, scenario.getKey(), scenario.getValue());
        }
        if (only("transfer")) {
            report.books(run, verifyBooks(signer, members, transfers));
        }
        for (int clients : only("register") ? levels : new int[0]) {
            record(report, run, Report.REGISTER, runner.closed(
                    LoadRunner.http(bases, signer, Workloads.register(tag + "c" + clients)), clients, probe));
            awaitIdleWorker();
        }
        if (only("collect") || only("betfeed") || only("betrecord")) {
            measureBets(report, run, operator, members);
        }
    }

    /** Closed loops at every client count, then an open loop at half the rate the highest sustained. */
    private void closedThenOpen(Report report, int run, String scenario, IntFunction<LoadRunner.Session> sessions)
            throws InterruptedException {
        double closedAtMax = 0;
        for (int clients : levels) {
            LoadRunner.Result result = runner.closed(sessions, clients, probe);
            record(report, run, scenario, result);
            if (clients == maxClients) {
                closedAtMax = result.rate();
            }
        }
        // Latency where it matters: an open loop at half the rate the closed loop sustained.
        double half = closedAtMax / 2;
        if (half >= 1) {
            record(report, run, scenario, runner.open(sessions, maxClients, half, probe));
        }
    }

    /**
     * The bet-record scenarios, last in a run (docs/bets.md). {@code collect} places the bets and
     * measures how fast they are stored and published; the reads need them, so it runs (without
     * being reported) whenever {@code betfeed} or {@code betrecord} is chosen. The reads go the way
     * the gateway was started with ({@code gateway.bets.query-path}, {@code --bet-query-path} of
     * scripts/bench), which the scenario names carry so that two invocations compare.
     */
    private void measureBets(Report report, int run, Operator operator, List<String> members) throws Exception {
        int bets = Integer.parseInt(options.getOrDefault("bets", "20000"));
        BetScenarios.Collected collected = betScenarios.collect(operator, members, userIds, bets);
        if (only("collect")) {
            report.collection(collected);
        }
        String path = options.getOrDefault("bet-query-path", "direct");
        if (only("betfeed")) {
            String scenario = "Bet feed, 500 a page (" + path + ")";
            for (int clients : feedLevels) {
                // Each client reads the whole feed from the start, again and again.
                Workloads.Feed feed = new Workloads.Feed(clients, 500);
                LoadRunner.Result result = runner.closed(LoadRunner.http(bases, operator.signer(), feed), clients, probe);
                record(report, run, scenario, result);
                double records = result.rate() * feed.recordsPerPage();
                report.feedRecords(scenario, clients, records);
                System.out.printf(Locale.ROOT, "    %.0f records/s (%.0f a page)%n", records, feed.recordsPerPage());
            }
        }
        List<String> betIds = List.copyOf(betScenarios.betIds());
        if (only("betrecord") && !betIds.isEmpty()) {
            closedThenOpen(report, run, "Bet record lookup (" + path + ")",
                    LoadRunner.http(bases, operator.signer(), Workloads.betRecord(betIds)));
        }
        betScenarios.awaitQuiet();
    }

    /**
     * Registrations whose callers timed out are still hashed: the worker works off that backlog
     * before the next window, so that no window measures the previous one's leftovers.
     */
    private void awaitIdleWorker() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        int idleSamples = 0;
        while (idleSamples < 3 && System.nanoTime() < deadline) {
            long backlog = probe.workerBacklog();
            idleSamples = backlog == 0 ? idleSamples + 1 : 0;
            if (backlog < 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Whether {@code --scenarios} (default: all of kafka,floor,login,transfer,register,collect,betfeed,
     * betrecord) names this one.
     */
    private boolean only(String scenario) {
        String chosen = options.getOrDefault("scenarios", "kafka,floor,login,transfer,register,collect,betfeed,betrecord");
        return Arrays.asList(chosen.split(",")).contains(scenario);
    }

    private void record(Report report, int run, String scenario, LoadRunner.Result result) {
        report.add(run, scenario, result);
        // The measured window's end (UTC), so a profile of the run can be cut to one step (scripts/profile-summary --from/--to).
        System.out.println(Report.line(scenario, result) + "  until " + Instant.now());
        result.errorSamples().forEach(e -> System.out.println("    error: " + abbreviate(e)));
    }

    /** An operator of the benchmark: its id and how its requests are signed. */
    record Operator(String operatorId, Signer signer) {
    }

    /**
     * A fresh operator for this run, with a rate limit above anything this machine can send and
     * ample credit at every provider (the bet scenarios give members money at all eight).
     */
    private Operator operator(String tag) throws Exception {
        HttpConnection admin = new HttpConnection(base);
        String[] headers = {"X-Admin-Token", adminToken, "Content-Type", "application/json"};
        HttpConnection.Response created = admin.exchange("POST", "/admin/v1/operators", headers, ("{\"Name\":\"bench " + tag
                + "\",\"IpAllowlist\":[\"127.0.0.0/8\",\"::1/128\"],\"LaunchDomain\":\"play.bench.example\","
                + "\"Currency\":\"CNY\",\"RateLimit\":100000}").getBytes(StandardCharsets.UTF_8));
        JsonNode operator = expect(created, "create the bench operator");
        String operatorId = operator.path("OperatorId").asString();
        for (String game : Workloads.GAMES) {
            expect(admin.exchange("PUT", "/admin/v1/operators/" + operatorId + "/credit", headers,
                    ("{\"Game\":\"" + game + "\",\"Credit\":\"100000000.00\"}").getBytes(StandardCharsets.UTF_8)),
                    "set its credit line");
        }
        admin.close();
        return new Operator(operatorId, new Signer(operator.path("ApiKey").asString(), operator.path("Secret").asString()));
    }

    /** One member per client, each with its accounts at all eight providers already open (not timed). */
    private List<String> members(Signer signer, String tag, int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(tag + "m" + i);
        }
        long start = System.nanoTime();
        // Four at a time: the worker hashes one password per core, so more in flight only queue, and
        // on a busy machine a queue longer than the reply timeout fails the setup.
        parallel(4, names.size(), (connection, i) -> userIds.put(names.get(i), expect(answered(connection, signer,
                "/v1/account/register", "{\"UserName\":\"" + names.get(i) + "\",\"Password\":\"abc12345\"}",
                "setup-" + tag + "-" + i), "register").path("UserId").asLong()));
        parallel(signer, names.size() * Workloads.GAMES.size(), (connection, i) -> expect(post(connection, signer,
                "/v1/account/login", "{\"UserName\":\"" + names.get(i / Workloads.GAMES.size()) + "\",\"Game\":\""
                        + Workloads.GAMES.get(i % Workloads.GAMES.size()) + "\"}"), "open a provider account"));
        System.out.printf("setup: %d members with 8 provider accounts each in %.1f s%n", names.size(),
                (System.nanoTime() - start) / 1e9);
        return names;
    }

    /**
     * After the transfers: every order the answers left open is settled, each member's KY balance at
     * the provider equals what the successful answers add up to, and the ledger check is clean.
     */
    private Report.Books verifyBooks(Signer signer, List<String> members, Workloads.Transfers transfers) throws Exception {
        HttpConnection c = new HttpConnection(base);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int unsettled = 0;
        for (Workloads.Transfers.Pending p : transfers.pending()) {
            while (true) {
                HttpConnection.Response read = post(c, signer, "/v1/account/order", "{\"UserName\":\"" + members.get(p.member())
                        + "\",\"OrderID\":\"" + p.orderId() + "\"}");
                if (read.status() == 404) {
                    // Never made (a TIMEOUT whose command never reached a worker): nothing moved.
                    transfers.settled(p, false);
                    break;
                }
                JsonNode order = expect(read, "read an order");
                String status = order.path("Status").asString();
                if (!status.equals("Processing")) {
                    transfers.settled(p, status.equals("Success"));
                    break;
                }
                if (System.nanoTime() > deadline) {
                    unsettled++;
                    break;
                }
                Thread.sleep(500);
            }
        }
        int mismatched = 0;
        for (int i = 0; i < members.size(); i++) {
            JsonNode balance = expect(post(c, signer, "/v1/account/balance",
                    "{\"UserName\":\"" + members.get(i) + "\",\"Game\":\"KY\"}"), "read a balance");
            if (new BigDecimal(balance.path("Balance").asString()).compareTo(transfers.expected(i)) != 0) {
                mismatched++;
                System.out.printf("member %s: provider balance %s, answers add up to %s%n", members.get(i),
                        balance.path("Balance").asString(), transfers.expected(i));
            }
        }
        JsonNode check = expect(c.exchange("GET", "/admin/v1/ledger/check?CompareProviders=true", new String[] {
                "X-Admin-Token", adminToken}, new byte[0]), "run the ledger check");
        c.close();
        Report.Books books = new Report.Books(transfers.pending().size(), unsettled, mismatched,
                check.path("Ok").asBoolean(), check.path("Violations").size());
        System.out.println("books: " + books);
        return books;
    }

    /** Seconds from the gateway's launch to its first answered signed request. */
    private double awaitFirstAnswer(long startedAtMillis) throws Exception {
        Signer demo = new Signer(options.getOrDefault("demo-key", "demo-key"), options.getOrDefault("demo-secret", "demo-secret"));
        HttpConnection c = new HttpConnection(base);
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Workloads.success(c.exchange("GET", "/v1/games", demo.headers("GET", "/v1/games", new byte[0]), new byte[0]))) {
                    double seconds = (System.currentTimeMillis() - startedAtMillis) / 1000.0;
                    System.out.printf("gateway answered its first request %.1f s after launch%n", seconds);
                    c.close();
                    return seconds;
                }
            } catch (IOException e) {
                c.close();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the gateway did not answer within 180 s");
    }

    /** The size of a login command as the ingress publishes it. */
    private static int commandBytes() {
        var command = new CommandMessage("bRequestId0123456789ab", "op-0123456789abcdef",
                CommandKind.LOGIN, Language.EN,
                Map.of("UserName", FieldInput.string("b1234567m123"),
                        "Game", FieldInput.string("AGLive")),
                "gw-00000000-0000-0000-0000-000000000000", Instant.now());
        return new MessageCodec().encode(command).length;
    }

    interface Step {
        void run(HttpConnection connection, int index) throws Exception;
    }

    void parallel(Signer signer, int count, Step step) throws Exception {
        parallel(32, count, step);
    }

    private void parallel(int threads, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<HttpConnection> connections = ThreadLocal.withInitial(() -> new HttpConnection(base));
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            all.add(pool.submit(() -> {
                step.run(connections.get(), index);
                return null;
            }));
        }
        try {
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static HttpConnection.Response post(HttpConnection c, Signer signer, String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return c.exchange("POST", path, signer.headers("POST", path, body), body);
    }

    /** What a client of the admission control does: a GATEWAY_BUSY stored nothing, so send it again a little later. */
    static HttpConnection.Response admitted(Callable<HttpConnection.Response> send) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpConnection.Response response = send.call();
            if (response.status() != 503 || !response.text().contains("GATEWAY_BUSY") || attempt == 100) {
                return response;
            }
            Thread.sleep(50);
        }
    }

    /**
     * For setup steps, which need the outcome and not a bound on its time: {@link #admitted}, and a
     * REPLY_TIMEOUT (the command still runs, e.g. a hash on a JVM whose JIT is still cold) asked for
     * again under the same X-Request-Id, which the gateway answers with the stored outcome.
     */
    static HttpConnection.Response answered(HttpConnection c, Signer signer, String path, String json, String requestId)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; ; attempt++) {
            HttpConnection.Response response = admitted(() -> {
                String[] signed = signer.headers("POST", path, body);
                String[] headers = Arrays.copyOf(signed, signed.length + 2);
                headers[signed.length] = "X-Request-Id";
                headers[signed.length + 1] = requestId;
                return c.exchange("POST", path, headers, body);
            });
            if (response.status() != 504 || !response.text().contains("REPLY_TIMEOUT") || attempt == 10) {
                return response;
            }
        }
    }

    static JsonNode expect(HttpConnection.Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException("could not " + what + ": " + response.status() + " " + response.text());
        }
        JsonNode node = Workloads.json(response);
        if (node.has("Code") && !"Success".equals(node.path("Code").asString())) {
            throw new IllegalStateException("could not " + what + ": " + response.text());
        }
        return node;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
