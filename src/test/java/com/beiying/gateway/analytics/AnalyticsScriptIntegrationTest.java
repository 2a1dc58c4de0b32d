package com.beiying.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.registry.ConfluentAvroSerializer;
import com.beiying.gateway.messaging.registry.InProcessSchemaRegistry;
import com.beiying.gateway.messaging.registry.SchemaRegistryClient;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.provider.RecordRules;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.PythonScripts;
import com.beiying.gateway.support.Simulator;
import com.beiying.gateway.support.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, acceptance: the non-Java reader. A fresh operator's member registers, logs in, moves
 * money in and out of two games, changes its password, is locked and unlocked, and bets at the
 * simulator (settled, resettled, voided and open bets); the gateway publishes the events and the
 * bet revisions. {@code python3 scripts/analytics --once --from-beginning --operator <it>} must then
 * print exactly the per-game sums this test computes from what it did: first from the gateway's
 * own topics (single-object encoding), then from copies of the same records in the Confluent wire
 * format under another prefix, with writer schemas from a schema registry, two events delivered a
 * second time in the other encoding and an old bet revision arriving after the newest.
 */
class AnalyticsScriptIntegrationTest extends IntegrationTest {
    private static final String EVENTS = "beiying.events";
    private static final String BETS = "beiying.bets";
    private static final Game KY = Game.KY;
    private static final Game BBIN = Game.BBIN;

    @Autowired
    private ProviderRegistry providers;
    @Autowired
    private MessageCodec codec;

    /** A bet the test made, as it should end: its game, stake, payout and status. */
    private record Bet(Game game, String stake, String payout, String status) {
    }

    /** What the script prints for one game (or TOTAL), column by column. */
    private record Row(int in, BigDecimal inSum, int out, BigDecimal outSum, int bets, BigDecimal turnover, BigDecimal payout,
                       BigDecimal ggr, int open, BigDecimal openStakes) {
        static final Row EMPTY = new Row(0, money("0"), 0, money("0"), 0, money("0"), money("0"), money("0"), 0, money("0"));

        Row plus(Row o) {
            return new Row(in + o.in, inSum.add(o.inSum), out + o.out, outSum.add(o.outSum), bets + o.bets,
                    turnover.add(o.turnover), payout.add(o.payout), ggr.add(o.ggr), open + o.open, openStakes.add(o.openStakes));
        }

        List<String> cells() {
            return List.of(Integer.toString(in), inSum.toPlainString(), Integer.toString(out), outSum.toPlainString(),
                    Integer.toString(bets), turnover.toPlainString(), payout.toPlainString(), ggr.toPlainString(),
                    Integer.toString(open), openStakes.toPlainString());
        }
    }

    @Test
    void theScriptPrintsTheOperatorsSumsFromTheGatewaysTopicsAndFromRegistryFramedCopies() throws Exception {
        AdminApi.Operator op = admin().createLoopback("");
        for (Game game : List.of(KY, BBIN)) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                    + "\",\"Credit\":\"100000.00\"}", environment.getRequiredProperty("gateway.security.admin-token")).code())
                    .isEqualTo("Success");
        }
        GatewayClient client = op.client(baseUrl());
        String name = Fixtures.userName();

        // The member's history over HTTP: each change is one event.
        ok(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send());
        ok(client.post("/v1/account/login", Fixtures.login(name, KY.code())).send());
        ok(client.post("/v1/account/login", Fixtures.login(name, BBIN.code())).send());
        transfer(client, name, KY, "IN", "500.00", "Success");
        transfer(client, name, BBIN, "IN", "300.00", "Success");
        transfer(client, name, KY, "OUT", "120.50", "Success");
        transfer(client, name, BBIN, "OUT", "9999.00", "NOBALANCE");
        ok(client.post("/v1/account/password", "{\"UserName\":\"" + name + "\",\"Password\":\"abc12345\",\"NewPassword\":\"xyz98765\"}")
                .send());
        ok(client.post("/v1/account/lock", "{\"UserName\":\"" + name + "\",\"Lock\":true}").send());
        ok(client.post("/v1/account/lock", "{\"UserName\":\"" + name + "\",\"Lock\":false}").send());
        Map<String, String> eventTypes = Map.of("MemberRegistered", "1", "MemberLoggedIn", "2", "PasswordChanged", "1",
                "MemberLocked", "2", "TransferSettled", "4", "TransferUnresolved", "0");
        int eventCount = 10;

        // Bets at the simulator: KY reports finished rounds only, BBIN open ones too.
        Simulator sim = new Simulator(baseUrl());
        String ky = account(op, name, KY);
        String bbin = account(op, name, BBIN);
        String a = sim.placeBet(KY.code(), ky, "620", "100.00", "250.00", due(KY));
        String b = sim.placeBet(KY.code(), ky, "620", "40.00", "0.00", due(KY));
        String c = sim.placeOpenBet(BBIN.code(), bbin, "7", "30.00", due(BBIN));
        String d = sim.placeOpenBet(BBIN.code(), bbin, "7", "20.00", due(BBIN));
        String e = sim.placeOpenBet(BBIN.code(), bbin, "7", "10.00", due(BBIN));
        for (String open : List.of(c, d, e)) {
            awaitRevision(client, BBIN, open, 1, "Open");
        }
        sim.changeBet(BBIN.code(), c, "settle", "45.50", due(BBIN));
        sim.changeBet(BBIN.code(), e, "void", null, due(BBIN));
        awaitRevision(client, BBIN, c, 2, "Settled");
        awaitRevision(client, BBIN, e, 2, "Void");
        sim.changeBet(BBIN.code(), c, "resettle", "12.00", due(BBIN));
        awaitRevision(client, BBIN, c, 3, "Resettled");
        Map<String, Bet> bets = new TreeMap<>(Map.of(
                "KY-" + a, new Bet(KY, "100.00", "250.00", "SETTLED"),
                "KY-" + b, new Bet(KY, "40.00", "0.00", "SETTLED"),
                "BBIN-" + c, new Bet(BBIN, "30.00", "12.00", "RESETTLED"),
                "BBIN-" + d, new Bet(BBIN, "20.00", "0.00", "OPEN"),
                "BBIN-" + e, new Bet(BBIN, "10.00", "10.00", "VOID")));
        Map<String, Integer> revisions = Map.of("KY-" + a, 1, "KY-" + b, 1, "BBIN-" + c, 3, "BBIN-" + d, 1, "BBIN-" + e, 2);
        List<ConsumerRecord<byte[], byte[]>> betRecords = awaitBetsTopic(op.operatorId(), revisions, bets);
        List<ConsumerRecord<byte[], byte[]>> events = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ofOperator(EVENTS, op.operatorId()), r -> r.size() >= eventCount);

        // The sums, from what this test did.
        Map<String, Row> expected = new TreeMap<>();
        transferRow(expected, KY, "IN", "500.00");
        transferRow(expected, BBIN, "IN", "300.00");
        transferRow(expected, KY, "OUT", "120.50");
        bets.values().forEach(bet -> {
            BigDecimal stake = money(bet.stake());
            BigDecimal payout = money(bet.payout());
            boolean settled = bet.status().equals("SETTLED") || bet.status().equals("RESETTLED");
            boolean open = bet.status().equals("OPEN");
            add(expected, bet.game(), new Row(0, money("0"), 0, money("0"), 1,
                    settled ? stake : money("0"), settled ? payout : money("0"), settled ? stake.subtract(payout) : money("0"),
                    open ? 1 : 0, open ? stake : money("0")));
        });
        expected.put("TOTAL", expected.values().stream().reduce(Row.EMPTY, Row::plus));
        Map<String, List<String>> want = new LinkedHashMap<>();
        expected.forEach((game, row) -> want.put(game, row.cells()));
        // As numbers: GGR = bets - payouts over settled bets, -110.00 at KY and 18.00 at BBIN.
        assertThat(want.get("KY").get(7)).isEqualTo("-110.00");
        assertThat(want.get("BBIN").get(7)).isEqualTo("18.00");

        // 1. The gateway's own topics, as they are: single-object encoding.
        String printed = PythonScripts.run(Duration.ofSeconds(120), "scripts/analytics", "--once", "--from-beginning",
                "--bootstrap", bootstrapServers(), "--operator", op.operatorId()).ok();
        System.out.print(printed);
        assertSummary(printed, want, eventTypes, eventCount, events.size() - eventCount);

        // 2. The same records in the Confluent wire format under another prefix, writer schemas from
        // a registry; two events again in single-object encoding, and an old revision of bet c last.
        String prefix = "analytics" + Long.toString(System.nanoTime(), 36) + ".";
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
            ConfluentAvroSerializer<SpecificRecord> confluent = new ConfluentAvroSerializer<>(new SchemaRegistryClient(registry.url()));
            List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : events) {
                copies.add(copy(r, prefix + "events", confluent.serialize(prefix + "events", codec.decodeEvent(r.value()))));
            }
            copies.add(copy(events.get(0), prefix + "events", events.get(0).value()));
            copies.add(copy(events.get(3), prefix + "events", events.get(3).value()));
            ConsumerRecord<byte[], byte[]> oldC = null;
            for (ConsumerRecord<byte[], byte[]> r : betRecords) {
                BetStore.Published bet = codec.decodeBet(r.value());
                copies.add(copy(r, prefix + "bets", confluent.serialize(prefix + "bets", MessageCodec.betRecord(bet))));
                if (bet.revision().providerBetId().equals(c) && bet.revision().revision() == 1) {
                    oldC = r;
                }
            }
            assertThat(oldC).isNotNull();
            copies.add(copy(oldC, prefix + "bets", oldC.value()));
            produce(List.of(prefix + "events", prefix + "bets"), copies);
            assertThat(copies.stream().filter(r -> r.value()[0] == 0)).hasSize(events.size() + betRecords.size());

            String fromRegistry = PythonScripts.run(Duration.ofSeconds(120), "scripts/analytics", "--once", "--from-beginning",
                    "--bootstrap", bootstrapServers(), "--prefix", prefix, "--operator", op.operatorId(),
                    "--registry-url", registry.url().toString()).ok();
            System.out.print(fromRegistry);
            assertSummary(fromRegistry, want, eventTypes, eventCount, 2 + events.size() - eventCount);
            assertThat(registry.requests()).as("the script fetched the writer schemas by their ids")
                    .filteredOn(r -> r.startsWith("GET /schemas/ids/")).hasSize(2);
        }
    }

    /** The printed summary: the per-game table, the event type counts and the counts of what was kept. */
    private static void assertSummary(String printed, Map<String, List<String>> games, Map<String, String> eventTypes, int events,
                                      int duplicates) {
        assertThat(table(printed, "GAME")).as(printed).isEqualTo(games);
        Map<String, List<String>> types = new LinkedHashMap<>();
        eventTypes.forEach((type, count) -> types.put(type, List.of(count)));
        assertThat(table(printed, "EVENT_TYPE")).as(printed).isEqualTo(types);
        Matcher stats = Pattern.compile("(\\d+) duplicates dropped, (\\d+) kept; bets: \\d+ revisions read, (\\d+) bets")
                .matcher(printed);
        assertThat(stats.find()).as(printed).isTrue();
        // Beyond the test's own, duplicates appear only if the gateway's relay published something twice.
        assertThat(stats.group(1)).as(printed).isEqualTo(Integer.toString(duplicates));
        assertThat(stats.group(2)).as(printed).isEqualTo(Integer.toString(events));
        assertThat(stats.group(3)).as(printed).isEqualTo("5");
        assertThat(printed).contains("undecodable: 0");
    }

    private static ProducerRecord<String, byte[]> copy(ConsumerRecord<byte[], byte[]> r, String topic, byte[] value) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, new String(r.key(), StandardCharsets.UTF_8), value);
        r.headers().forEach(h -> out.headers().add(h.key(), h.value()));
        return out;
    }

    private void produce(List<String> topics, List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class, "acks", "all"))) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get();
            }
        }
    }

    private void transfer(GatewayClient client, String name, Game game, String action, String money, String code) {
        GatewayClient.Response r = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                + "\",\"OrderID\":\"o" + Fixtures.requestId().substring(2, 22) + "\",\"Money\":\"" + money + "\",\"Action\":\""
                + action + "\"}").send();
        assertThat(r.code()).as(r.body()).isEqualTo(code);
    }

    /** The operator's records of a topic, in the order read. */
    private List<ConsumerRecord<byte[], byte[]>> ofOperator(String topic, String operatorId) {
        return Topics.readAll(bootstrapServers(), topic).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith(operatorId + ":")).toList();
    }

    /** Waits until the bets topic holds every revision of the operator's bets, with the test's money; those records. */
    private List<ConsumerRecord<byte[], byte[]>> awaitBetsTopic(String operatorId, Map<String, Integer> revisions,
                                                                 Map<String, Bet> bets) {
        List<List<ConsumerRecord<byte[], byte[]>>> seen = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> records = ofOperator(BETS, operatorId);
            Map<String, BetStore.Revision> latest = new TreeMap<>();
            for (var r : records) {
                BetStore.Revision rev = codec.decodeBet(r.value()).revision();
                latest.merge(rev.game().code() + "-" + rev.providerBetId(), rev, (x, y) -> x.revision() >= y.revision() ? x : y);
            }
            Map<String, Integer> highest = new TreeMap<>();
            latest.forEach((id, rev) -> highest.put(id, rev.revision()));
            assertThat(highest).isEqualTo(new TreeMap<>(revisions));
            latest.forEach((id, rev) -> {
                Bet bet = bets.get(id);
                assertThat(rev.status().name()).as(id).isEqualTo(bet.status());
                assertThat(rev.betAmount()).as(id).isEqualByComparingTo(bet.stake());
                assertThat(rev.payout()).as(id).isEqualByComparingTo(bet.payout());
                // Turnover: the stake of a bet that stands, nothing of a void one.
                assertThat(rev.validBet()).as(id).isEqualByComparingTo(bet.status().equals("VOID") ? "0" : bet.stake());
            });
            seen.add(0, records);
        });
        return seen.get(0);
    }

    private static void transferRow(Map<String, Row> rows, Game game, String action, String money) {
        BigDecimal m = money(money);
        add(rows, game, action.equals("IN") ? new Row(1, m, 0, money("0"), 0, money("0"), money("0"), money("0"), 0, money("0"))
                : new Row(0, money("0"), 1, m, 0, money("0"), money("0"), money("0"), 0, money("0")));
    }

    private static void add(Map<String, Row> rows, Game game, Row row) {
        rows.merge(game.code(), row, Row::plus);
    }

    /** The printed table that starts with a header line whose first cell is the given one: first cell to the others. */
    private static Map<String, List<String>> table(String printed, String header) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        boolean in = false;
        for (String line : printed.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (!in) {
                in = cells[0].equals(header);
            } else if (line.isBlank()) {
                break;
            } else {
                out.put(cells[0], List.of(cells).subList(1, cells.length));
            }
        }
        return out;
    }

    private String account(AdminApi.Operator op, String name, Game game) {
        return queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = ?", op.operatorId(), name, game.code());
    }

    /** A time the provider already serves and the collector's next window covers (as BetRecordsIntegrationTest). */
    private Instant due(Game game) {
        RecordRules rules = providers.adapter(game).recordRules();
        return Instant.now().minus(rules.minDelay()).minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void awaitRevision(GatewayClient client, Game game, String providerBetId, int revision, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode r = client.post("/v1/bet/record", "{\"BetId\":\"" + game.code() + "-" + providerBetId + "\"}").send().json();
            assertThat(r.path("Revision").asInt()).as(r.toString()).isEqualTo(revision);
            assertThat(r.path("Status").asString()).isEqualTo(status);
        });
    }

    private static JsonNode ok(GatewayClient.Response r) {
        assertThat(r.code()).as(r.body()).isEqualTo("Success");
        return r.json();
    }

    private static BigDecimal money(String text) {
        return new BigDecimal(text).setScale(2);
    }
}
