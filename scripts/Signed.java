import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one signed request to the gateway (SPEC §3) with nothing but a JDK:
 *
 *   java scripts/Signed.java POST /v1/account/register '{"UserName":"alice01","Password":"abc12345"}'
 *
 * Environment: GATEWAY_URL (default http://localhost:8080), GATEWAY_API_KEY (default demo-key),
 * GATEWAY_SECRET (default demo-secret), optional REQUEST_ID (X-Request-Id) and LANG_HEADER
 * (Accept-Language). Prints the HTTP status and the body; exits 1 unless Code is Success.
 */
public class Signed {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java scripts/Signed.java METHOD PATH [JSON_BODY]");
            System.exit(2);
        }
        String method = args[0].toUpperCase();
        String path = args[1];
        String body = args.length > 2 ? args[2] : "";
        String url = env("GATEWAY_URL", "http://localhost:8080");
        String key = env("GATEWAY_API_KEY", "demo-key");
        String secret = env("GATEWAY_SECRET", "demo-secret");

        String timestamp = Long.toString(System.currentTimeMillis());
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String message = timestamp + "\n" + nonce + "\n" + method + "\n" + path + "\n" + body;
        String sign = HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + key)
                .header("X-Timestamp", timestamp)
                .header("X-Nonce", nonce)
                .header("X-Sign", sign)
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String requestId = System.getenv("REQUEST_ID");
        if (requestId != null && !requestId.isEmpty()) {
            request.header("X-Request-Id", requestId);
        }
        String language = System.getenv("LANG_HEADER");
        if (language != null && !language.isEmpty()) {
            request.header("Accept-Language", language);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        System.out.println("HTTP " + response.statusCode());
        System.out.println(response.body());
        System.exit(response.body().contains("\"Code\":\"Success\"") ? 0 : 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
