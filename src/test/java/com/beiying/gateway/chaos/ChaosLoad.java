package com.beiying.gateway.chaos;

import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steady mixed operator traffic from a few client threads: now and then a new member (register,
 * then login at each game), otherwise transfers IN and OUT across the games. Every transfer moves
 * the same {@link #AMOUNT}, so a difference between a provider balance and the books is a whole
 * number of movements. Each thread owns its members, so its idea of their balances needs no lock.
 */
final class ChaosLoad {
    static final BigDecimal AMOUNT = new BigDecimal("5.00");
    static final List<String> GAMES = List.of("KY", "XJ188");
    /** Between two requests of one thread: steady load, not a benchmark on a shared 2-core machine. */
    private static final long PAUSE_MILLIS = 40;

    /** A member and what its thread believes it holds at each game it logged in to. */
    static final class Member {
        final String name;
        final Map<String, BigDecimal> balances = new HashMap<>();

        Member(String name) {
            this.name = name;
        }
    }

    /** One transfer as the operator saw it: its answer's Code ({@code NOANSWER} without one) and Status. */
    record Transfer(String orderId, String code, String status) {
    }

    /** What one load run sent and got. */
    record Counts(long sent, long answered, long timedOut, long noAnswer, Map<String, Long> codes) {
    }

    private final GatewayClient client;
    private final List<List<Member>> pools;
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
    private final Queue<Transfer> transfers = new ConcurrentLinkedQueue<>();
    /** When (System.nanoTime) the latest request was sent that got no proper answer: none, TIMEOUT or a 5xx. */
    private final AtomicLong lastTroubleSent = new AtomicLong(Long.MIN_VALUE);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ChaosLoad(GatewayClient client, List<List<Member>> pools) {
        this.client = client;
        this.pools = pools;
    }

    void start() {
        running = true;
        for (int i = 0; i < pools.size(); i++) {
            List<Member> pool = pools.get(i);
            Thread t = new Thread(() -> run(pool), "chaos-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops sending and waits for the requests in flight to be answered or to give up. */
    Counts stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(60_000);
        }
        Map<String, Long> byCode = new HashMap<>();
        codes.forEach((k, v) -> byCode.put(k, v.sum()));
        return new Counts(sent.sum(), answered.sum(), timedOut.sum(), noAnswer.sum(), byCode);
    }

    List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    long lastTroubleSent() {
        return lastTroubleSent.get();
    }

    private void run(List<Member> pool) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            if (pool.isEmpty() || random.nextInt(25) == 0) {
                newMember(pool);
            } else {
                Member member = pool.get(random.nextInt(pool.size()));
                List<String> games = List.copyOf(member.balances.keySet());
                if (!games.isEmpty()) {
                    String game = games.get(random.nextInt(games.size()));
                    boolean out = member.balances.get(game).compareTo(AMOUNT) >= 0 && random.nextInt(100) < 45;
                    transfer(member, game, out ? "OUT" : "IN");
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

    private void newMember(List<Member> pool) {
        Member member = new Member(Fixtures.userName());
        if (!"Success".equals(send(client.post("/v1/account/register", Fixtures.register(member.name, "abc12345"))).code())) {
            return;
        }
        for (String game : GAMES) {
            if ("Success".equals(send(client.post("/v1/account/login", Fixtures.login(member.name, game))).code())) {
                member.balances.put(game, BigDecimal.ZERO);
            }
        }
        pool.add(member);
    }

    private void transfer(Member member, String game, String action) {
        String orderId = "c" + Fixtures.requestId().substring(2, 26);
        Answer a = send(client.post("/v1/account/transfer", "{\"UserName\":\"" + member.name + "\",\"Game\":\"" + game
                + "\",\"OrderID\":\"" + orderId + "\",\"Money\":\"" + AMOUNT + "\",\"Action\":\"" + action + "\"}"));
        transfers.add(new Transfer(orderId, a.code(), a.status()));
        if ("Success".equals(a.code()) && "Success".equals(a.status())) {
            member.balances.merge(game, "IN".equals(action) ? AMOUNT : AMOUNT.negate(), BigDecimal::add);
        }
    }

    private record Answer(String code, String status) {
    }

    private Answer send(GatewayClient.Call call) {
        long at = System.nanoTime();
        sent.increment();
        Answer answer;
        int httpStatus;
        try {
            GatewayClient.Response r = call.send();
            httpStatus = r.status();
            String code = r.code().isEmpty() ? "HTTP" + r.status() : r.code();
            answer = new Answer(code, r.json().path("Status").asString());
        } catch (RuntimeException e) {
            // connection refused or reset, or no answer within the client's 30 s: the gateway is not there
            httpStatus = 0;
            answer = new Answer("NOANSWER", "");
        }
        codes.computeIfAbsent(answer.code(), k -> new LongAdder()).increment();
        if (httpStatus == 0) {
            noAnswer.increment();
        } else if ("TIMEOUT".equals(answer.code())) {
            timedOut.increment();
        } else {
            answered.increment();
        }
        if (httpStatus == 0 || httpStatus >= 500 || "TIMEOUT".equals(answer.code())) {
            lastTroubleSent.accumulateAndGet(at, Math::max);
        }
        return answer;
    }
}
