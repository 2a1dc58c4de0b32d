package com.beiying.gateway.ingress.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's guard over plain HTTP: headers on every answer, sessions, CSRF, and cross-site sign-in. */
class ConsoleGuardIntegrationTest extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> PAGES = List.of("/console/operators", "/console/games", "/console/orders/unresolved",
            "/console/ledger", "/console/reconciliation", "/console/members", "/console/bets", "/console/reports/daily");

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path));
    }

    private String signIn() throws Exception {
        HttpResponse<String> r = send(to("/console/signin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + environment.getRequiredProperty("gateway.security.admin-token"))));
        assertThat(r.statusCode()).isEqualTo(302);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console").doesNotContain("Secure");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static void assertGuarded(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void everyPageIsGuardedAndAnsweredWithTheHeaders() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> anonymous = send(to(page));
            assertThat(anonymous.statusCode()).as(page).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/console/signin");
            assertGuarded(anonymous);
        }
        String cookie = signIn();
        for (String page : PAGES) {
            HttpResponse<String> r = send(to(page).header("Cookie", cookie));
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertGuarded(r);
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(r.body()).as(page).doesNotContain("<script>").doesNotContain(" style=\"").doesNotContain(" onclick");
        }
        assertGuarded(send(to("/console/signin")));
        // An asset's prefix with a way back up reaches no page without a session.
        for (String sneaky : List.of("/console/assets/..;/operators", "/console/assets/%2e%2e/operators",
                "/console/assets/../operators", "/console/operators;assets")) {
            HttpResponse<String> r = send(to(sneaky));
            assertThat(r.statusCode()).as(sneaky).isNotEqualTo(200);
            assertThat(r.body()).as(sneaky).doesNotContain("create-operator");
        }
    }

    @Test
    void changesNeedASessionAndItsCsrfToken() throws Exception {
        AdminApi.Operator op = admin().createLoopback("");
        String path = "/console/operators/" + op.operatorId() + "/status";
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("Status=SUSPENDED");
        assertThat(send(to(path).header("Content-Type", "application/x-www-form-urlencoded").POST(body)).statusCode()).isEqualTo(403);
        String cookie = signIn();
        HttpResponse<String> noToken = send(to(path).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(body));
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = send(to(path).header("Cookie", cookie).header("X-CSRF-Token", "guess")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(body));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(admin().send("GET", "/admin/v1/operators/" + op.operatorId(), "", environment.getRequiredProperty(
                "gateway.security.admin-token")).json().path("Status").asString()).isEqualTo("ACTIVE");
        String page = send(to("/console/operators/" + op.operatorId()).header("Cookie", cookie)).body();
        String marker = "name=\"_csrf\" value=\"";
        String csrf = page.substring(page.indexOf(marker) + marker.length(), page.indexOf('"', page.indexOf(marker) + marker.length()));
        HttpResponse<String> withToken = send(to(path).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(body));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(admin().send("GET", "/admin/v1/operators/" + op.operatorId(), "", environment.getRequiredProperty(
                "gateway.security.admin-token")).json().path("Status").asString()).isEqualTo("SUSPENDED");
    }

    @Test
    void aCrossSiteSignInIsRefusedAndAWrongTokenGetsNoSession() throws Exception {
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        HttpResponse<String> crossSite = send(to("/console/signin").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> otherOrigin = send(to("/console/signin").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = send(to("/console/signin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "x")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).doesNotContain(token);
    }
}
