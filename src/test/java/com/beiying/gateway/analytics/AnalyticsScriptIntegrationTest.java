package com.beiying.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.messaging.MessageCodec;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.messaging.avro.EventType;
import com.beiying.gateway.messaging.avro.MemberLoggedIn;
import com.beiying.gateway.messaging.avro.MemberRegistered;
import com.beiying.gateway.messaging.avro.PasswordChanged;
import com.beiying.gateway.messaging.avro.SettledBy;
import com.beiying.gateway.messaging.avro.TransferAction;
import com.beiying.gateway.messaging.avro.TransferOutcome;
import com.beiying.gateway.messaging.avro.TransferSettled;
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
import java.io.ByteArrayOutputStream;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, acceptance: the non-Java reader. A fresh operator's member registers, logs in, moves
 * money in and out of two games and bets at the simulator (settled, resettled, voided and open
 * bets, whose revisions reach the bets topic through the gateway); its events reach the events
 * topic in both encodings, one of them through a schema registry, some twice. Then
 * {@code python3 scripts/analytics --once --from-beginning} must print, for that operator, exactly
 * the per-game sums this test computes from what it did.
 *
 * <p>Until the gateway publishes the events topic itself, this test produces the Event records
 * (one per change it made, with that change's data) with the generated class: single-object
 * encoding through {@code Event.getEncoder()}, the Confluent wire format through
 * {@link ConfluentAvroSerializer} against an {@link InProcessSchemaRegistry}.
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
    void theScriptPrintsTheOperatorsSumsFromBothTopicsInBothEncodings() throws Exception {
        AdminApi.Operator op = admin().createLoopback("");
        for (Game game : List.of(KY, BBIN)) {
            assertThat(admin().send("PUT", "/admin/v1/operators/" + op.operatorId() + "/credit", "{\"Game\":\"" + game.code()
                    + "\",\"Credit\":\"100000.00\"}", environment.getRequiredProperty("gateway.security.admin-token")).code())
                    .isEqualTo("Success");
        }
        GatewayClient client = op.client(baseUrl());
        String name = Fixtures.userName();
        List<Event> events = new ArrayList<>();

        // The member's history over HTTP; each change becomes the event the gateway would publish.
        String rq = requestId();
        JsonNode registered = ok(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).requestId(rq).send());
        events.add(event(op, name, rq, EventType.MemberRegistered, new MemberRegistered(registered.path("UserId").asLong())));
        for (Game game : List.of(KY, BBIN)) {
            rq = requestId();
            JsonNode login = ok(client.post("/v1/account/login", Fixtures.login(name, game.code())).requestId(rq).send());
            events.add(event(op, name, rq, EventType.MemberLoggedIn, MemberLoggedIn.newBuilder().setGame(game.code()).setPlatform("PC")
                    .setLanguage("zh-CN").setGameId(null).setSessionId(login.path("SessionId").asString()).build()));
        }
        events.add(transfer(client, op, name, KY, "IN", "500.00", true));
        events.add(transfer(client, op, name, BBIN, "IN", "300.00", true));
        events.add(transfer(client, op, name, KY, "OUT", "120.50", true));
        events.add(transfer(client, op, name, BBIN, "OUT", "9999.00", false));
        rq = requestId();
        ok(client.post("/v1/account/password", "{\"UserName\":\"" + name + "\",\"Password\":\"abc12345\",\"NewPassword\":\"xyz98765\"}")
                .requestId(rq).send());
        events.add(event(op, name, rq, EventType.PasswordChanged, new PasswordChanged()));

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
        awaitBetsTopic(op.operatorId(), revisions, bets);

        // The events topic, in both encodings, with two events delivered twice (once in each).
        try (InProcessSchemaRegistry registry = InProcessSchemaRegistry.start()) {
            publish(events, List.of(events.get(0), events.get(3)), new SchemaRegistryClient(registry.url()));
            assertThat(registry.requests()).contains("POST /subjects/" + EVENTS + "-value/versions");

            String printed = PythonScripts.run(Duration.ofSeconds(120), "scripts/analytics", "--once", "--from-beginning",
                    "--bootstrap", bootstrapServers(), "--operator", op.operatorId(), "--registry-url", registry.url().toString())
                    .ok();
            System.out.print(printed);
            assertThat(registry.requests()).as("the script fetched the writer schema by its id").anyMatch(r -> r.startsWith("GET /schemas/ids/"));

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
            Map<String, List<String>> table = table(printed, "GAME");
            Map<String, List<String>> want = new LinkedHashMap<>();
            expected.forEach((game, row) -> want.put(game, row.cells()));
            assertThat(table).as(printed).isEqualTo(want);
            // As numbers: GGR = bets - payouts over settled bets, -110.00 at KY and 18.00 at BBIN.
            assertThat(table.get("KY").get(7)).isEqualTo("-110.00");
            assertThat(table.get("BBIN").get(7)).isEqualTo("18.00");

            assertThat(table(printed, "EVENT_TYPE")).as(printed).isEqualTo(Map.of(
                    "MemberRegistered", List.of("1"), "MemberLoggedIn", List.of("2"), "PasswordChanged", List.of("1"),
                    "MemberLocked", List.of("0"), "TransferSettled", List.of("4"), "TransferUnresolved", List.of("0")));
            Matcher stats = Pattern.compile("(\\d+) duplicates dropped, (\\d+) kept; bets: \\d+ revisions read, (\\d+) bets")
                    .matcher(printed);
            assertThat(stats.find()).as(printed).isTrue();
            assertThat(stats.group(1)).isEqualTo("2");
            assertThat(stats.group(2)).isEqualTo(Integer.toString(events.size()));
            assertThat(stats.group(3)).isEqualTo("5");
            assertThat(printed).contains("undecodable: 0");
        }
    }

    /** A transfer over HTTP, and the TransferSettled event of its outcome. */
    private Event transfer(GatewayClient client, AdminApi.Operator op, String name, Game game, String action, String money,
                           boolean succeeds) {
        String rq = requestId();
        String order = "o" + rq.substring(2, 22);
        GatewayClient.Response r = client.post("/v1/account/transfer", "{\"UserName\":\"" + name + "\",\"Game\":\"" + game.code()
                + "\",\"OrderID\":\"" + order + "\",\"Money\":\"" + money + "\",\"Action\":\"" + action + "\"}").requestId(rq).send();
        assertThat(r.code()).as(r.body()).isEqualTo(succeeds ? "Success" : "NOBALANCE");
        return event(op, name, rq, EventType.TransferSettled, TransferSettled.newBuilder().setOrderId(order).setGame(game.code())
                .setAction(TransferAction.valueOf(action)).setAmount(money(money))
                .setStatus(succeeds ? TransferOutcome.SUCCESS : TransferOutcome.FAILED)
                .setBalance(succeeds ? money(r.json().path("Balance").asString()) : null)
                .setFailure(succeeds ? null : "INSUFFICIENT_BALANCE").setSettledBy(SettledBy.REQUEST)
                .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build());
    }

    private static Event event(AdminApi.Operator op, String name, String requestId, EventType type, Object data) {
        return Event.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((op.operatorId() + ":" + requestId).getBytes(StandardCharsets.UTF_8)).toString())
                .setEventType(type)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setOperatorId(op.operatorId())
                .setUserName(name)
                .setRequestId(requestId)
                .setData(data)
                .build();
    }

    /**
     * Every event once, alternately in single-object encoding and the Confluent wire format, then
     * the duplicates again in the other encoding, keyed and headed as the events topic is.
     */
    private void publish(List<Event> events, List<Event> again, SchemaRegistryClient registry) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EVENTS, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        ConfluentAvroSerializer<Event> confluent = new ConfluentAvroSerializer<>(registry);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class, "acks", "all"))) {
            List<Event> all = new ArrayList<>(events);
            all.addAll(again);
            for (int i = 0; i < all.size(); i++) {
                Event event = all.get(i);
                int index = i < events.size() ? i : events.indexOf(event) + 1;
                boolean singleObject = index % 2 == 0;
                byte[] value;
                if (singleObject) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Event.getEncoder().encode(event, out);
                    value = out.toByteArray();
                    assertThat(value[0]).isEqualTo((byte) 0xC3);
                } else {
                    value = confluent.serialize(EVENTS, event);
                    assertThat(value[0]).isZero();
                }
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(EVENTS, event.getOperatorId() + ":" + event.getUserName(),
                        value);
                header(record, "ce_id", event.getEventId());
                header(record, "ce_type", "com.beiying." + event.getEventType());
                header(record, "ce_source", "/beiying-gateway/test");
                header(record, "ce_time", event.getOccurredAt().toString());
                header(record, "ce_specversion", "1.0");
                header(record, "content-type", singleObject ? "application/vnd.apache.avro+binary;record=Event"
                        : "application/vnd.confluent.avro");
                producer.send(record).get();
            }
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the bets topic holds every revision of the operator's bets, with the test's money. */
    private void awaitBetsTopic(String operatorId, Map<String, Integer> revisions, Map<String, Bet> bets) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, BetStore.Revision> latest = new TreeMap<>();
            for (var r : Topics.readAll(bootstrapServers(), BETS)) {
                if (new String(r.key(), StandardCharsets.UTF_8).startsWith(operatorId + ":")) {
                    BetStore.Revision rev = codec.decodeBet(r.value()).revision();
                    latest.merge(rev.game().code() + "-" + rev.providerBetId(), rev,
                            (x, y) -> x.revision() >= y.revision() ? x : y);
                }
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
        });
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

    private static String requestId() {
        return Fixtures.requestId();
    }

    private static BigDecimal money(String text) {
        return new BigDecimal(text).setScale(2);
    }
}
