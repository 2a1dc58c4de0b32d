package com.beiying.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's control API: inject and lift faults, settle bets. */
public final class Simulator {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String baseUrl;

    public Simulator(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void fault(String game, String operation, String kind, long millis) {
        fault(game, operation, kind, millis, 0);
    }

    /** A fault for the next {@code count} calls only (0: until cleared). */
    public void fault(String game, String operation, String kind, long millis, int count) {
        post("/simulator/v1/_control/faults", "{\"Game\":\"" + game + "\",\"Operation\":\"" + operation + "\",\"Kind\":\""
                + kind + "\",\"Millis\":" + millis + ",\"Count\":" + count + "}");
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/simulator/v1/_control/faults")).DELETE().build());
    }

    /** Places and settles a bet now: the stake leaves the member's provider balance, the payout enters it. */
    public void settleBet(String game, String account, String stake, String payout) {
        post("/simulator/v1/_control/bets", "{\"Game\":\"" + game + "\",\"Account\":\"" + account + "\",\"Stake\":\"" + stake
                + "\",\"Payout\":\"" + payout + "\"}");
    }

    /** Places a bet on a game id and settles it with the payout, at a given time; answers its provider bet id. */
    public String placeBet(String game, String account, String gameId, String stake, String payout, Instant at) {
        return JSON.readTree(post("/simulator/v1/_control/bets", "{\"Game\":\"" + game + "\",\"Account\":\"" + account
                + "\",\"GameId\":\"" + gameId + "\",\"Stake\":\"" + stake + "\",\"Payout\":\"" + payout + "\",\"At\":\"" + at
                + "\"}")).path("BetId").asString();
    }

    /** Places an open bet now; answers its provider bet id. */
    public String placeBet(String game, String account, String gameId, String stake) {
        return JSON.readTree(post("/simulator/v1/_control/bets", "{\"Game\":\"" + game + "\",\"Account\":\"" + account
                + "\",\"GameId\":\"" + gameId + "\",\"Stake\":\"" + stake + "\"}")).path("BetId").asString();
    }

    /** Places an open bet at a given time; answers its provider bet id. */
    public String placeOpenBet(String game, String account, String gameId, String stake, Instant at) {
        return JSON.readTree(post("/simulator/v1/_control/bets", "{\"Game\":\"" + game + "\",\"Account\":\"" + account
                + "\",\"GameId\":\"" + gameId + "\",\"Stake\":\"" + stake + "\",\"At\":\"" + at + "\"}")).path("BetId").asString();
    }

    /** Settles, voids or resettles a bet at a given time ({@code action} settle / void / resettle; payout null for void). */
    public void changeBet(String game, String betId, String action, String payout, Instant at) {
        post("/simulator/v1/_control/bets/" + game + "/" + betId + "/" + action, "{\"At\":\"" + at + "\""
                + (payout == null ? "" : ",\"Payout\":\"" + payout + "\"") + "}");
    }

    /**
     * Members play on their own at this rate (bets per second), only on the given
     * {@code <Game>:<Account>}s, their bets dated {@code behind} before now; 0 stops.
     */
    public void play(double betsPerSecond, Collection<String> accounts, Duration behind) {
        post("/simulator/v1/_control/play", "{\"BetsPerSecond\":" + betsPerSecond + ",\"Behind\":\"" + behind + "\",\"Accounts\":["
                + String.join(",", accounts.stream().map(a -> "\"" + a + "\"").toList()) + "]}");
    }

    /** Settles, voids or resettles a bet ({@code action} settle / void / resettle; payout null for void). */
    public void changeBet(String game, String betId, String action, String payout) {
        post("/simulator/v1/_control/bets/" + game + "/" + betId + "/" + action, payout == null ? "{}" : "{\"Payout\":\"" + payout + "\"}");
    }

    private String post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
