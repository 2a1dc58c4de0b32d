package com.beiying.gateway.ingress.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The daily report (docs/events.md, "Daily report") equals the sums the test computes itself from
 * what it did: transfers by the day they finished and settled bets by the day they settled, both
 * in the operator's zone, with a void bet counting nothing; and its window rules answer DATEEROOR.
 */
class DailyReportIntegrationTest extends IntegrationTest {
    /**
     * A zone whose midnight fell about eighty seconds ago: bets either side of it are on two days
     * there, and still new enough for KY's forward windows to collect them at once.
     */
    private static ZoneOffset zoneWithRecentMidnight() {
        Instant target = Instant.now().minusSeconds(80);
        int secondsOfDay = target.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
        int offset = -secondsOfDay;
        if (offset < -12 * 3600) {
            offset += 24 * 3600;
        }
        return ZoneOffset.ofTotalSeconds(Math.round(offset / 60f) * 60);
    }

    private static Instant lastMidnight(ZoneOffset zone) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.now().minusSeconds(80), zone);
        LocalDate day = local.getHour() >= 12 ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return day.atStartOfDay(zone).toInstant();
    }

    /** What the test expects of one day and game. */
    private static final class Sums {
        BigDecimal in = BigDecimal.ZERO;
        BigDecimal out = BigDecimal.ZERO;
        long bets;
        BigDecimal stakes = BigDecimal.ZERO;
        BigDecimal payout = BigDecimal.ZERO;
        final Set<String> members = new HashSet<>();
    }

    @Test
    void theReportEqualsTheSumsOfWhatHappened() {
        String token = environment.getRequiredProperty("gateway.security.admin-token");
        ZoneOffset zone = zoneWithRecentMidnight();
        Instant midnight = lastMidnight(zone);
        AdminApi.Operator op = admin().createLoopback(",\"TimeZone\":\"" + zone.getId() + "\"");
        GatewayClient client = op.client(baseUrl());
        assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"KY\",\"Credit\":\"10000.00\"}",
                token).code()).isEqualTo("Success");
        Map<String, Sums> expected = new HashMap<>();
        // the midnight must be behind us, and no other one may pass while the test runs
        assertThat(midnight).isBefore(Instant.now().minusSeconds(40));
        List<String> members = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = Fixtures.userName();
            members.add(name);
            assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
            transfer(client, name, "500.00", "IN");
            transfer(client, name, "20.00", "OUT");
            Sums today = expected.computeIfAbsent(LocalDate.now(zone) + "/KY", k -> new Sums());
            today.in = today.in.add(new BigDecimal("500.00"));
            today.out = today.out.add(new BigDecimal("20.00"));
            today.members.add(name);
            accounts.add(queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                    + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", op.operatorId(), name));
        }
        // Bets settled on both sides of the operator's midnight; one bet voided, which counts nothing.
        Simulator sim = new Simulator(baseUrl());
        String[][] bets = {{"0", "10.00", "25.00", "-20"}, {"0", "5.00", "0.00", "8"}, {"1", "7.50", "15.00", "12"},
            {"1", "3.00", "6.00", "-15"}};
        for (String[] b : bets) {
            Instant at = midnight.plusSeconds(Long.parseLong(b[3]));
            int member = Integer.parseInt(b[0]);
            sim.placeBet("KY", accounts.get(member), "620", b[1], b[2], at);
            Sums day = expected.computeIfAbsent(LocalDate.ofInstant(at, zone) + "/KY", k -> new Sums());
            day.bets++;
            day.stakes = day.stakes.add(new BigDecimal(b[1]));
            day.payout = day.payout.add(new BigDecimal(b[2]));
            day.members.add(members.get(member));
        }
        String voided = sim.placeOpenBet("KY", accounts.get(0), "620", "4.00", midnight.plusSeconds(2));
        sim.changeBet("KY", voided, "void", null, midnight.plusSeconds(5));
        // KY serves a record a minute after it changed: wait until all are in.
        awaitCollected(op.operatorId(), 5, token);

        String from = LocalDate.now(zone).minusDays(3).toString();
        String to = LocalDate.now(zone).toString();
        AdminApi.Answer report = admin().send("GET", "/admin/v1/reports/daily?OperatorId=" + op.operatorId() + "&From=" + from
                + "&To=" + to + "&Game=KY", "", token);
        assertThat(report.code()).as(report.body()).isEqualTo("Success");
        assertThat(report.json().path("TimeZone").asString()).isEqualTo(zone.getId());
        assertThat(expected.keySet()).hasSize(2);
        Map<String, JsonNode> rows = new HashMap<>();
        report.json().path("Days").forEach(d -> rows.put(d.path("Date").asString() + "/" + d.path("Game").asString(), d));
        assertThat(rows.keySet()).isEqualTo(expected.keySet());
        expected.forEach((day, sums) -> {
            JsonNode row = rows.get(day);
            assertThat(new BigDecimal(row.path("TransfersIn").asString())).as(day).isEqualByComparingTo(sums.in);
            assertThat(new BigDecimal(row.path("TransfersOut").asString())).as(day).isEqualByComparingTo(sums.out);
            assertThat(row.path("Bets").asLong()).as(day).isEqualTo(sums.bets);
            assertThat(new BigDecimal(row.path("BetAmount").asString())).as(day).isEqualByComparingTo(sums.stakes);
            assertThat(new BigDecimal(row.path("Turnover").asString())).as(day).isEqualByComparingTo(sums.stakes);
            assertThat(new BigDecimal(row.path("Payout").asString())).as(day).isEqualByComparingTo(sums.payout);
            assertThat(new BigDecimal(row.path("GGR").asString())).as(day).isEqualByComparingTo(sums.stakes.subtract(sums.payout));
            assertThat(row.path("ActiveMembers").asLong()).as(day).isEqualTo(sums.members.size());
        });

        AdminApi.Answer reversed = admin().send("GET", "/admin/v1/reports/daily?OperatorId=" + op.operatorId() + "&From=" + to
                + "&To=" + from, "", token);
        assertThat(reversed.code()).isEqualTo("DATEEROOR");
        assertThat(reversed.json().path("ErrorId").asInt()).isEqualTo(2036);
        AdminApi.Answer tooLong = admin().send("GET", "/admin/v1/reports/daily?OperatorId=" + op.operatorId()
                + "&From=2020-01-01&To=2026-01-01", "", token);
        assertThat(tooLong.json().path("ErrorId").asInt()).isEqualTo(2037);
        AdminApi.Answer badDate = admin().send("GET", "/admin/v1/reports/daily?OperatorId=" + op.operatorId()
                + "&From=yesterday&To=" + to, "", token);
        assertThat(badDate.code()).isEqualTo("DATEEROOR");
        assertThat(badDate.json().path("ErrorCode").asString()).isEqualTo("INVALID_FROM");
        assertThat(admin().send("GET", "/admin/v1/reports/daily?OperatorId=nobody&From=" + from + "&To=" + to, "", token).json()
                .path("ErrorId").asInt()).isEqualTo(3027);
    }

    private void awaitCollected(String operatorId, long bets, String token) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                count("SELECT count(*) FROM bets WHERE operator_id = ?", operatorId) == bets);
    }

    private static void transfer(GatewayClient client, String name, String money, String action) {
        GatewayClient.Response r = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\"d"
                + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"" + money + "\",\"Action\":\"" + action + "\"}").send();
        assertThat(r.code()).as(r.body()).isEqualTo("Success");
    }
}
