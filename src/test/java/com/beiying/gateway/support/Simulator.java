package com.beiying.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's control API: inject and lift faults, settle bets. */
public final class Simulator {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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

    public void settleBet(String game, String account, String stake, String payout) {
        post("/simulator/v1/_control/bets", "{\"Game\":\"" + game + "\",\"Account\":\"" + account + "\",\"Stake\":\"" + stake
                + "\",\"Payout\":\"" + payout + "\"}");
    }

    private void post(String path, String json) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static void send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
