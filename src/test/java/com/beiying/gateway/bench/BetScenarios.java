package com.beiying.gateway.bench;

import com.beiying.gateway.provider.AccountNames;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * The {@code collect} step of the bet-record scenarios (docs/bets.md): bets placed in bulk at every
 * provider of the simulator, then how fast the gateway stores them all and publishes them all to
 * the bets topic. {@code betfeed} and {@code betrecord} read what it stored (their workloads are
 * in {@link Workloads}).
 */
final class BetScenarios {
    /**
     * Each provider's account names, as its adapter makes them: {@code AccountNames.of} with the
     * provider's prefix and separator ({@code provider.<game>.*Adapter#accountName}). No API shows
     * an operator the provider account of its member, and the bulk placement needs it. Should a
     * rule change, the placement answers 404 UNKNOWN_ACCOUNT and the benchmark stops, rather than
     * placing bets no collector would ever store.
     */
    private static final Map<String, String[]> ACCOUNT_NAMES = Map.of(
            "AGLive", new String[] {"ag", "_"}, "AVIA", new String[] {"av", "_"}, "Pinnacle", new String[] {"pin", "-"},
            "IMSport", new String[] {"im", "s"}, "IMOne", new String[] {"im", "e"}, "BBIN", new String[] {"bb", "0"},
            "XJ188", new String[] {"xj", "0"}, "KY", new String[] {"ky", "_"});
    private static final BigDecimal STAKE = new BigDecimal("1.00");
    /** Every bet loses its stake, paid from the member's money at the provider (the bulk refuses what an account cannot afford). */
    private static final String PAYOUT = "0.00";
    /**
     * Where the bets go: into the stretch each collector has just passed, 45 to 5 seconds behind its
     * edge (the {@code CollectedTo} the reconciliation shows, which a caught-up collector keeps about
     * its provider's minimum delay behind now). The next pull's window starts the provider's overlap
     * before the edge, so that one pull reads them all: what is measured is collection, not the clock
     * carrying the edge over the bets. The shortest overlap of the eight is AVIA's 1 minute (AGLive
     * and BBIN have 2, the others 5), which leaves 15 s between reading the edges and the first pull
     * after the placement. A single "now - 4 minutes" behind every provider's minimum delay (3 minutes
     * at most, AGLive's) would not do: it lies outside AVIA's and BBIN's overlaps (their windows
     * reach back only 2 and 4 minutes from now), so those bets would never be collected.
     */
    private static final Duration SPREAD_FROM = Duration.ofSeconds(45);
    private static final Duration SPREAD_TO = Duration.ofSeconds(5);
    /** A caught-up collector is its provider's minimum delay (3 minutes at most) and a pull behind now. */
    private static final Duration CAUGHT_UP = Duration.ofMinutes(5);
    /** An operator id no operator has: the reconciliation then lists no wallet and only shows the edges. */
    private static final String NO_OPERATOR = "bench-edges-only";

    /** What one collect step measured; the seconds are from the end of the placement, NaN when it never happened. */
    record Collected(int bets, double placeSeconds, double collectSeconds, double publishSeconds, int feedRevisions,
                     boolean feedExact, boolean reconciled) {
        double collectedPerSecond() {
            return bets / collectSeconds;
        }

        double publishedPerSecond() {
            return bets / publishSeconds;
        }
    }

    private final Bench bench;
    private final URI base;
    private final String[] adminHeaders;
    private final ProcessProbe probe;
    private final List<String> betIds = new ArrayList<>();
    /** The seen counter and the time when the last collect step's bets were all stored. */
    private double seenWhenStored = Double.NaN;
    private long storedAt;

    BetScenarios(Bench bench, URI base, String adminToken, ProcessProbe probe) {
        this.bench = bench;
        this.base = base;
        this.adminHeaders = new String[] {"X-Admin-Token", adminToken};
        this.probe = probe;
    }

    /** The BetIds the last collect step found in the feed. */
    List<String> betIds() {
        return betIds;
    }

    /**
     * Gives every member money at every provider, places {@code bets} bets spread over the eight
     * providers and all members, and waits until the gateway has stored each of them and published
     * each to the bets topic; then reads the operator's feed once (every bet exactly once) and runs
     * its reconciliation.
     */
    Collected collect(Bench.Operator operator, List<String> members, Map<String, Long> userIds, int bets) throws Exception {
        List<String> games = Workloads.GAMES;
        int perGame = (bets + games.size() - 1) / games.size();
        long perAccount = (perGame + members.size() - 1) / members.size();
        fund(operator, members, STAKE.multiply(BigDecimal.valueOf(perAccount)));
        awaitCaughtUp();

        double revised0 = probe.metric("gateway.bets.collected?tag=kind:revised");
        double published0 = probe.metric("gateway.bets.published");
        if (revised0 < 0 || published0 < 0) {
            throw new IllegalStateException("the actuator shows no gateway.bets.collected or gateway.bets.published");
        }
        Map<String, Instant> edges = edges();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(games.size());
        try {
            List<Future<?>> placements = new ArrayList<>();
            for (int g = 0; g < games.size(); g++) {
                String game = games.get(g);
                int count = bets / games.size() + (g < bets % games.size() ? 1 : 0);
                List<String> accounts = members.stream().map(m -> accountName(game, userIds.get(m))).toList();
                Instant edge = edges.get(game);
                placements.add(pool.submit(() -> {
                    place(game, accounts, count, edge.minus(SPREAD_FROM), edge.minus(SPREAD_TO));
                    return null;
                }));
            }
            for (Future<?> f : placements) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long placed = System.nanoTime();

        double collectSeconds = Double.NaN;
        double publishSeconds = Double.NaN;
        long deadline = placed + Duration.ofSeconds(120 + bets / 200).toNanos();
        while (System.nanoTime() < deadline && (Double.isNaN(collectSeconds) || Double.isNaN(publishSeconds))) {
            long now = System.nanoTime();
            if (Double.isNaN(collectSeconds) && probe.metric("gateway.bets.collected?tag=kind:revised") - revised0 >= bets) {
                collectSeconds = Math.max(1e-3, (now - placed) / 1e9);
            }
            if (Double.isNaN(publishSeconds) && probe.metric("gateway.bets.published") - published0 >= bets) {
                publishSeconds = Math.max(1e-3, (now - placed) / 1e9);
            }
            Thread.sleep(20);
        }
        if (Double.isNaN(collectSeconds) || Double.isNaN(publishSeconds)) {
            System.out.printf("collect: not done in time: %.0f of %d stored, %.0f published%n",
                    probe.metric("gateway.bets.collected?tag=kind:revised") - revised0, bets,
                    probe.metric("gateway.bets.published") - published0);
        }
        seenWhenStored = probe.metric("gateway.bets.collected?tag=kind:seen");
        storedAt = System.nanoTime();
        int revisions = readFeed(operator);
        boolean exact = revisions == bets && new HashSet<>(betIds).size() == bets;
        boolean reconciled = reconciled(operator.operatorId());
        Collected c = new Collected(bets, (placed - start) / 1e9, collectSeconds, publishSeconds, revisions, exact, reconciled);
        System.out.printf(Locale.ROOT, "collect: %d bets placed in %.2f s; stored %.2f s later (%.0f/s), published %.2f s later"
                        + " (%.0f/s); feed %d revisions (%s), reconciliation %s%n", bets, c.placeSeconds(), collectSeconds,
                c.collectedPerSecond(), publishSeconds, c.publishedPerSecond(), revisions, exact ? "each bet once" : "NOT each bet once",
                reconciled ? "ok" : "NOT ok");
        return c;
    }

    /**
     * Waits until the collectors stop reading the benchmark's bets again. Every pull reads its
     * provider's overlap (up to 5 minutes) once more, so for a while after a collect step each pull
     * re-reads the bets it placed; the next run's scenarios must not pay for that. Quiet is
     * {@code gateway.bets.collected{kind=seen}} standing still for 12 s (two pulls at the gateway's
     * default interval of 5 s).
     */
    void awaitQuiet() throws InterruptedException {
        long start = System.nanoTime();
        double last = probe.metric("gateway.bets.collected?tag=kind:seen");
        long stillSince = start;
        long deadline = start + Duration.ofMinutes(7).toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - stillSince < Duration.ofSeconds(12).toNanos()) {
            Thread.sleep(1000);
            double seen = probe.metric("gateway.bets.collected?tag=kind:seen");
            if (seen != last) {
                last = seen;
                stillSince = System.nanoTime();
            }
        }
        System.out.printf(Locale.ROOT, "collectors quiet after another %.0f s; since the bets were stored %.0f s ago they"
                        + " re-read %.0f records of their overlaps%n", (System.nanoTime() - start) / 1e9,
                (System.nanoTime() - storedAt) / 1e9, last - seenWhenStored);
    }

    /** Moves {@code amount} into every member's wallet at every provider (the operator's credit lines cover it). */
    private void fund(Bench.Operator operator, List<String> members, BigDecimal amount) throws Exception {
        List<String> games = Workloads.GAMES;
        String prefix = "f" + Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime();
        bench.parallel(operator.signer(), members.size() * games.size(), (connection, i) -> {
            String member = members.get(i / games.size());
            String game = games.get(i % games.size());
            JsonNode answer = Bench.expect(Bench.post(connection, operator.signer(), "/v1/account/transfer", "{\"UserName\":\""
                    + member + "\",\"Game\":\"" + game + "\",\"OrderID\":\"" + prefix + "x" + i + "\",\"Money\":\""
                    + amount.toPlainString() + "\",\"Action\":\"IN\"}"), "fund a member at " + game);
            if (!answer.path("Status").asString().equals("Success")) {
                throw new IllegalStateException("funding " + member + " at " + game + " answered " + answer);
            }
        });
        System.out.printf(Locale.ROOT, "setup: %s moved into %d wallets in %.1f s%n", amount.toPlainString(),
                members.size() * games.size(), (System.nanoTime() - start) / 1e9);
    }

    /** Waits until every provider's collector is caught up (a fresh gateway starts a day back). */
    private void awaitCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            Map<String, Instant> edges = edges();
            Instant now = Instant.now();
            boolean caughtUp = edges.size() == Workloads.GAMES.size()
                    && edges.values().stream().allMatch(e -> Duration.between(e, now).compareTo(CAUGHT_UP) <= 0);
            if (caughtUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the collectors did not catch up within 180 s: " + edges);
            }
            Thread.sleep(500);
        }
    }

    /** How far each provider's bets are collected, from the reconciliation (no wallet listed, no provider asked). */
    private Map<String, Instant> edges() throws Exception {
        HttpConnection c = new HttpConnection(base);
        try {
            JsonNode answer = Bench.expect(c.exchange("GET", "/admin/v1/reconciliation?OperatorId=" + NO_OPERATOR, adminHeaders,
                    new byte[0]), "read the collection edges");
            Map<String, Instant> edges = new HashMap<>();
            answer.path("CollectedTo").properties().forEach(e -> edges.put(e.getKey(), Instant.parse(e.getValue().asString())));
            return edges;
        } finally {
            c.close();
        }
    }

    /** One bulk placement at the simulator (not signed: the simulator's control API stands for the provider's own staff). */
    private void place(String game, List<String> accounts, int count, Instant from, Instant to) throws Exception {
        StringBuilder json = new StringBuilder(64 + accounts.size() * 16).append("{\"Game\":\"").append(game)
                .append("\",\"Accounts\":[");
        for (int i = 0; i < accounts.size(); i++) {
            json.append(i == 0 ? "\"" : ",\"").append(accounts.get(i)).append('"');
        }
        json.append("],\"Count\":").append(count).append(",\"From\":\"").append(from).append("\",\"To\":\"").append(to)
                .append("\",\"Stake\":\"").append(STAKE.toPlainString()).append("\",\"Payout\":\"").append(PAYOUT).append("\"}");
        HttpConnection c = new HttpConnection(base);
        try {
            HttpConnection.Response r = c.exchange("POST", "/simulator/v1/_control/bets/bulk",
                    new String[] {"Content-Type", "application/json"}, json.toString().getBytes(StandardCharsets.UTF_8));
            if (r.status() != 200 || Workloads.json(r).path("Placed").asLong() != count) {
                throw new IllegalStateException("bulk placement at " + game + ": " + r.status() + " " + r.text());
            }
        } finally {
            c.close();
        }
    }

    /** Reads the operator's whole feed once, keeping the BetIds; how many revisions it holds. */
    private int readFeed(Bench.Operator operator) throws Exception {
        betIds.clear();
        HttpConnection c = new HttpConnection(base);
        try {
            String cursor = null;
            while (true) {
                JsonNode page = Bench.expect(Bench.post(c, operator.signer(), "/v1/bet/feed", "{\"PageSize\":500"
                        + (cursor == null ? "" : ",\"Cursor\":\"" + cursor + "\"") + "}"), "read the bet feed");
                page.path("Records").forEach(r -> betIds.add(r.path("BetId").asString()));
                cursor = page.path("NextCursor").asString();
                if (!page.path("HasMore").asBoolean()) {
                    return betIds.size();
                }
            }
        } finally {
            c.close();
        }
    }

    /** Whether the operator's every wallet reconciles: provider balance = ledger + collected bets. */
    private boolean reconciled(String operatorId) throws Exception {
        HttpConnection c = new HttpConnection(base);
        try {
            JsonNode answer = Bench.expect(c.exchange("GET", "/admin/v1/reconciliation?OperatorId=" + operatorId, adminHeaders,
                    new byte[0]), "reconcile the operator");
            int shown = 0;
            for (JsonNode line : answer.path("Lines")) {
                if (!"0.00".equals(line.path("Difference").asString(null)) && shown++ < 5) {
                    System.out.println("    reconciliation: " + line);
                }
            }
            return answer.path("Ok").asBoolean();
        } finally {
            c.close();
        }
    }

    private static String accountName(String game, long userId) {
        String[] rule = ACCOUNT_NAMES.get(game);
        return AccountNames.of(rule[0], userId, rule[1], 64, false);
    }
}
