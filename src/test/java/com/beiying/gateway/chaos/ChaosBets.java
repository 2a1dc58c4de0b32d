package com.beiying.gateway.chaos;

import com.beiying.gateway.support.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Members betting at the providers while the operator's load runs, so that bet collection goes
 * through every fault too. Each bet is placed at the simulated provider already settled, with a
 * stake of {@link #STAKE} and a payout of nothing or twice the stake: the member's provider balance
 * moves at once, the books learn of it only when the gateway collects the record. The bets are
 * dated {@link #AGE} back, past the providers' minimum delay, so the next pull can read them.
 */
final class ChaosBets {
    static final String STAKE = "2.00";
    private static final List<String> PAYOUTS = List.of("0.00", "4.00");
    private static final Duration AGE = Duration.ofSeconds(65);
    private static final long PAUSE_MILLIS = 150;
    private static final long REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

    /** A provider account that can afford a stake. */
    record Account(String game, String name) {
    }

    /** What one run placed: the bets' ids ({@code <Game>-<ProviderBetId>}) and the placings refused or unanswered. */
    record Placed(List<String> betIds, long failed) {
    }

    private final Simulator simulator;
    private final Callable<List<Account>> accounts;
    private final Queue<String> placed = new ConcurrentLinkedQueue<>();
    private final LongAdder failed = new LongAdder();
    private Thread thread;
    private volatile boolean running;

    /** {@code accounts} reads the accounts that can afford a stake now; it may fail while a part is down. */
    ChaosBets(Simulator simulator, Callable<List<Account>> accounts) {
        this.simulator = simulator;
        this.accounts = accounts;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "chaos-bets");
        thread.setDaemon(true);
        thread.start();
    }

    Placed stop() throws InterruptedException {
        running = false;
        thread.join(60_000);
        return new Placed(List.copyOf(placed), failed.sum());
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Account> known = List.of();
        long refreshed = System.nanoTime() - REFRESH_NANOS;
        while (running) {
            if (System.nanoTime() - refreshed >= REFRESH_NANOS) {
                try {
                    known = accounts.call();
                    refreshed = System.nanoTime();
                } catch (Exception e) {
                    // the database or the gateway is down (a fault): bet on the accounts known
                }
            }
            if (!known.isEmpty()) {
                Account a = known.get(random.nextInt(known.size()));
                Instant at = Instant.now().minus(AGE).truncatedTo(ChronoUnit.SECONDS);
                try {
                    String id = simulator.placeBet(a.game(), a.name(), "7", STAKE, PAYOUTS.get(random.nextInt(PAYOUTS.size())), at);
                    placed.add(a.game() + "-" + id);
                } catch (RuntimeException e) {
                    // refused (the balance went to a transfer meanwhile) or the simulator is down with the gateway
                    failed.increment();
                }
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
