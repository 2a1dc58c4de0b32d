package com.beiying.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The actuator answers on the management port only; the public port has the probes. The Grafana
 * dashboard reads only metrics the gateway exposes.
 */
class ManagementPortIntegrationTest extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRIC = Pattern.compile("\\b((?:gateway|http_server|jvm)_[a-z_]+)\\b");

    @Test
    void thePublicPortAnswersProbesButNoActuator() throws Exception {
        assertThat(get(baseUrl() + "/livez").body()).contains("UP");
        assertThat(get(baseUrl() + "/readyz").body()).contains("UP");
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator/env"}) {
            assertThat(get(baseUrl() + path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(get(management() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get(management() + "/actuator/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardReadsOnlyMetricsThatExist() throws Exception {
        assertThat(demo().post("/v1/account/register", Fixtures.register(Fixtures.userName(), Fixtures.password())).send().code())
                .isEqualTo("Success");
        String scrape = get(management() + "/actuator/prometheus").body();
        assertThat(scrape).contains("gateway_commands_total{code=\"Success\",kind=\"REGISTER\"",
                "gateway_kafka_consumer_lag{group=\"beiying.workers\"", "gateway_kafka_consumer_lag{group=\"ingress-replies\"",
                "gateway_commands_dead_letters_total{reason=\"undecodable\"", "gateway_wallet_unresolved",
                "gateway_command_seconds_count{error=\"none\",kind=\"REGISTER\"");

        Set<String> used = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(Path.of("docs/grafana-dashboard.json")));
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).contains("gateway_kafka_consumer_lag", "gateway_commands_total", "gateway_bets_lag_seconds");
        assertThat(used).contains("gateway_events_backlog");
        for (String metric : used) {
            assertThat(scrape).as("dashboard metric %s in the scrape", metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
    }

    private String management() {
        return "http://127.0.0.1:" + environment.getRequiredProperty("local.management.port");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
