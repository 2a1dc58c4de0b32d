package com.beiying.gateway.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's workloads over the operator API (docs/api.md). */
final class Workloads {
    static final List<String> GAMES = List.of("AGLive", "AVIA", "Pinnacle", "IMSport", "IMOne", "BBIN", "XJ188", "KY");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Workloads() {
    }

    static JsonNode json(HttpConnection.Response response) {
        return JSON.readTree(response.body());
    }

    static boolean success(HttpConnection.Response response) {
        return response.status() == 200 && "Success".equals(json(response).path("Code").asString());
    }

    /** The cheapest signed endpoint: the games list. */
    static Workload games() {
        return new Workload() {
            @Override
            public Request next(int client) {
                return Request.get("/v1/games");
            }

            @Override
            public boolean answered(int client, Request request, HttpConnection.Response response) {
                return success(response);
            }
        };
    }

    /** Client c logs member c into the eight games in turn; the provider accounts are already open. */
    static Workload login(List<String> members) {
        int[] turns = new int[members.size()];
        return new Workload() {
            @Override
            public Request next(int client) {
                String game = GAMES.get((client + turns[client]++) % GAMES.size());
                return Request.post("/v1/account/login",
                        "{\"UserName\":\"" + members.get(client) + "\",\"Game\":\"" + game + "\"}");
            }

            @Override
            public boolean answered(int client, Request request, HttpConnection.Response response) {
                return success(response) && json(response).path("Url").asString().startsWith("https://");
            }
        };
    }

    /** Registers a new member per request (the Argon2id hash dominates). */
    static Workload register(String prefix) {
        AtomicLong next = new AtomicLong();
        return new Workload() {
            @Override
            public Request next(int client) {
                return Request.post("/v1/account/register",
                        "{\"UserName\":\"" + prefix + "r" + next.incrementAndGet() + "\",\"Password\":\"abc12345\"}");
            }

            @Override
            public boolean answered(int client, Request request, HttpConnection.Response response) {
                return success(response);
            }
        };
    }

    /**
     * Client c reads the operator's whole bet feed from the start, a page of {@code pageSize} at a
     * time, and starts again at the beginning once {@code HasMore} is false. The answers (about
     * 200 KB a page) are scanned, not parsed: the load generator shares the two cores with the
     * gateway, and parsing every page would cost as much as the request.
     */
    static final class Feed implements Workload {
        private static final byte[] SUCCESS = "\"Code\":\"Success\"".getBytes(StandardCharsets.UTF_8);
        private static final byte[] RECORD = "\"BetId\":".getBytes(StandardCharsets.UTF_8);
        private static final byte[] NEXT = "\"NextCursor\":\"".getBytes(StandardCharsets.UTF_8);
        private static final byte[] MORE = "\"HasMore\":true".getBytes(StandardCharsets.UTF_8);

        private final int pageSize;
        private final String[] cursors;
        private final AtomicLong pages = new AtomicLong();
        private final AtomicLong records = new AtomicLong();

        Feed(int clients, int pageSize) {
            this.pageSize = pageSize;
            this.cursors = new String[clients];
        }

        @Override
        public Request next(int client) {
            String cursor = cursors[client];
            return Request.post("/v1/bet/feed", "{\"PageSize\":" + pageSize + (cursor == null ? "" : ",\"Cursor\":\"" + cursor + "\"")
                    + "}");
        }

        @Override
        public boolean answered(int client, Request request, HttpConnection.Response response) {
            byte[] body = response.body();
            if (response.status() != 200 || indexOf(body, SUCCESS, 0) < 0) {
                return false;
            }
            int n = 0;
            for (int at = indexOf(body, RECORD, 0); at >= 0; at = indexOf(body, RECORD, at + RECORD.length)) {
                n++;
            }
            pages.incrementAndGet();
            records.addAndGet(n);
            int next = indexOf(body, NEXT, 0);
            if (indexOf(body, MORE, 0) < 0 || next < 0) {
                cursors[client] = null;
                return true;
            }
            int from = next + NEXT.length;
            int to = from;
            while (to < body.length && body[to] != '"') {
                to++;
            }
            cursors[client] = new String(body, from, to - from, StandardCharsets.US_ASCII);
            return true;
        }

        /** Records per page over every page read so far. */
        double recordsPerPage() {
            long p = pages.get();
            return p == 0 ? 0 : (double) records.get() / p;
        }

        private static int indexOf(byte[] body, byte[] what, int from) {
            outer:
            for (int i = from; i <= body.length - what.length; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (body[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Looks up one bet per request, a random one of those given. */
    static Workload betRecord(List<String> betIds) {
        return new Workload() {
            @Override
            public Request next(int client) {
                return Request.post("/v1/bet/record",
                        "{\"BetId\":\"" + betIds.get(ThreadLocalRandom.current().nextInt(betIds.size())) + "\"}");
            }

            @Override
            public boolean answered(int client, Request request, HttpConnection.Response response) {
                return success(response);
            }
        };
    }

    /**
     * Client c moves 10.00 into member c's KY wallet and back out, alternating; it keeps the balance
     * it expects from the answers, so the books can be compared with the provider afterwards.
     */
    static final class Transfers implements Workload {
        static final BigDecimal AMOUNT = new BigDecimal("10.00");

        /** An order whose outcome the answer did not give (PROCCESSING, TIMEOUT, a 5xx): settled before the check. */
        record Pending(int member, String orderId, boolean in) {
        }

        private final List<String> members;
        private final String orderPrefix;
        private final BigDecimal[] expected;
        private final long[] sequence;
        private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        /** Each client's transfer sent and not yet answered (an exchange that threw never is). */
        private final Pending[] unanswered;

        Transfers(List<String> members, String orderPrefix) {
            this.members = members;
            this.orderPrefix = orderPrefix;
            this.expected = new BigDecimal[members.size()];
            Arrays.fill(expected, BigDecimal.ZERO.setScale(2));
            this.sequence = new long[members.size()];
            this.unanswered = new Pending[members.size()];
        }

        @Override
        public Request next(int client) {
            String action = expected[client].signum() > 0 ? "OUT" : "IN";
            String orderId = orderPrefix + client + "x" + ++sequence[client];
            unanswered[client] = new Pending(client, orderId, action.equals("IN"));
            return Request.post("/v1/account/transfer", "{\"UserName\":\"" + members.get(client) + "\",\"Game\":\"KY\","
                    + "\"OrderID\":\"" + orderId + "\",\"Money\":\"10.00\",\"Action\":\"" + action + "\"}");
        }

        @Override
        public boolean answered(int client, Request request, HttpConnection.Response response) {
            unanswered[client] = null;
            JsonNode sent = JSON.readTree(request.body());
            boolean in = sent.path("Action").asString().equals("IN");
            JsonNode answer = json(response);
            String status = answer.path("Status").asString("");
            // Outcome unknown: PROCCESSING, and a 5xx (TIMEOUT: no reply within the reply timeout;
            // the catalog's internal error): the order, if one was made, is read before the books check.
            if (status.equals("Processing") || response.status() >= 500) {
                pending.add(new Pending(client, sent.path("OrderID").asString(), in));
                return false;
            }
            if (response.status() == 200 && "Success".equals(answer.path("Code").asString()) && status.equals("Success")) {
                expected[client] = in ? expected[client].add(AMOUNT) : expected[client].subtract(AMOUNT);
                return true;
            }
            return false;
        }

        /** Adds an order settled later to what member expects. */
        void settled(Pending p, boolean succeeded) {
            if (succeeded) {
                expected[p.member()] = p.in() ? expected[p.member()].add(AMOUNT) : expected[p.member()].subtract(AMOUNT);
            }
        }

        /** Orders whose outcome no answer gave, including transfers whose exchange failed without an answer. */
        Queue<Pending> pending() {
            for (int i = 0; i < unanswered.length; i++) {
                if (unanswered[i] != null) {
                    pending.add(unanswered[i]);
                    unanswered[i] = null;
                }
            }
            return pending;
        }

        BigDecimal expected(int member) {
            return expected[member];
        }
    }
}
