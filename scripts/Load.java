import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A rough closed-loop load of signed logins or transfers (JDK only), until scripts/bench exists:
 *
 *   java scripts/Load.java [requests] [concurrency] [members] [login|transfer]
 *
 * Registers the members first (not timed), logs each into every game once (opens the provider
 * accounts, not timed), then sends the timed requests and prints rate and latency percentiles.
 * Transfers alternate IN and OUT of 10.00 per member, so balances stay small and every one succeeds.
 * Closed loop: latency of a request is measured from its own send, so under saturation the
 * percentiles understate what an open-loop client would see (coordinated omission).
 */
public class Load {
    static final String URL = env("GATEWAY_URL", "http://localhost:8080");
    static final String KEY = env("GATEWAY_API_KEY", "demo-key");
    static final String SECRET = env("GATEWAY_SECRET", "demo-secret");
    static final String[] GAMES = {"AGLive", "AVIA", "Pinnacle", "IMSport", "IMOne", "BBIN", "XJ188", "KY"};
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int members = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String mode = args.length > 3 ? args[3] : "login";
        String prefix = "ld" + Long.toString(System.currentTimeMillis() % 46656, 36);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String name = prefix + "m" + i;
            expectSuccess(send("/v1/account/register", "{\"UserName\":\"" + name + "\",\"Password\":\"abc12345\"}").join());
            for (String game : GAMES) {
                expectSuccess(send("/v1/account/login", login(name, game)).join());
            }
            names.add(name);
        }
        run(mode, "warm-up", requests / 4, concurrency, names);
        run(mode, mode, requests, concurrency, names);
    }

    static final java.util.concurrent.atomic.AtomicLong ORDERS = new java.util.concurrent.atomic.AtomicLong();

    static CompletableFuture<HttpResponse<String>> request(String mode, String name, int n, int members) {
        if (mode.equals("transfer")) {
            // Per member, its k-th transfer is IN when k is even: a member's transfers stay in order.
            long order = ORDERS.incrementAndGet();
            String action = (n / members) % 2 == 0 ? "IN" : "OUT";
            return send("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\"ld"
                    + Long.toString(System.currentTimeMillis(), 36) + "x" + order + "\",\"Money\":\"10.00\",\"Action\":\"" + action + "\"}");
        }
        return send("/v1/account/login", login(name, GAMES[n % GAMES.length]));
    }

    static void run(String mode, String label, int requests, int concurrency, List<String> names) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger errors = new AtomicInteger();
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            int n = i;
            long sent = System.nanoTime();
            all.add(request(mode, names.get(n % names.size()), n, names.size())
                    .whenComplete((r, e) -> {
                        latencies[n] = System.nanoTime() - sent;
                        if (e != null || !r.body().contains("\"Code\":\"Success\"")) {
                            errors.incrementAndGet();
                        }
                        slots.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%s: %d requests, concurrency %d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, errors %d%n",
                label, requests, concurrency, requests / seconds, pct(latencies, 50), pct(latencies, 99), pct(latencies, 99.9),
                latencies[requests - 1] / 1e6, errors.get());
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static String login(String name, String game) {
        return "{\"UserName\":\"" + name + "\",\"Game\":\"" + game + "\"}";
    }

    static void expectSuccess(HttpResponse<String> r) {
        if (!r.body().contains("\"Code\":\"Success\"")) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    static CompletableFuture<HttpResponse<String>> send(String path, String body) {
        try {
            String ts = Long.toString(System.currentTimeMillis());
            byte[] r = new byte[12];
            RANDOM.nextBytes(r);
            String nonce = HexFormat.of().formatHex(r);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sign = HexFormat.of().formatHex(mac.doFinal(
                    (ts + "\n" + nonce + "\nPOST\n" + path + "\n" + body).getBytes(StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(URL + path))
                    .header("Authorization", "Bearer " + KEY).header("X-Timestamp", ts).header("X-Nonce", nonce)
                    .header("X-Sign", sign).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
