package com.beiying.gateway.bets;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The feed's promise (docs/bets.md, "Feed"): every revision exactly once, in commit order, even
 * when writers' transactions commit in another order than they began, and from any NextCursor a
 * reader resumes without missing anything. The writers here are the store's own collector steps
 * on separate connections, so the test decides when each transaction commits.
 */
class BetFeedIntegrationTest extends IntegrationTest {

    @Test
    void aTransactionThatCommitsLateIsStillDelivered() {
        Member m = member();
        try (Handle slow = jdbi.open(); Handle quick = jdbi.open()) {
            slow.begin();
            List<String> late = BetStore.upsert(slow, Game.KY, List.of(bet(m.account(), "late" + m.tag(), "1.00")));
            quick.begin();
            List<String> early = BetStore.upsert(quick, Game.KY, List.of(bet(m.account(), "early" + m.tag(), "1.00")));
            BetStore.sequence(quick, Game.KY, early);
            quick.commit();

            Page first = feed(m.client(), null, 10);
            assertThat(first.ids()).containsExactly("KY-early" + m.tag() + "#1");

            // The transaction that began first commits last: its revision comes after the cursor, not before it.
            BetStore.sequence(slow, Game.KY, late);
            slow.commit();
            assertThat(feed(m.client(), first.cursor(), 10).ids()).containsExactly("KY-late" + m.tag() + "#1");
            assertThat(feed(m.client(), null, 10).ids()).containsExactly("KY-early" + m.tag() + "#1", "KY-late" + m.tag() + "#1");
        }
    }

    @Test
    void concurrentWritersCommittingOutOfOrderDeliverEveryRevisionOnce() throws Exception {
        Member m = member();
        int writers = 4;
        int transactions = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Handed> cursors = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> write(m, writer, transactions)));
            }
            Future<List<String>> reader = pool.submit(() -> {
                List<String> seen = new ArrayList<>();
                String cursor = null;
                while (true) {
                    boolean last = !writing.get();
                    Page page = feed(m.client(), cursor, 7);
                    seen.addAll(page.ids());
                    cursor = page.cursor();
                    cursors.add(new Handed(cursor, seen.size()));
                    if (last && !page.more()) {
                        return seen;
                    }
                }
            });
            for (Future<?> f : work) {
                f.get();
            }
            writing.set(false);
            List<String> seen = reader.get();

            List<String> committed = jdbi.withHandle(h -> h.createQuery("SELECT game || '-' || provider_bet_id || '#' || revision"
                    + " FROM bet_revisions WHERE operator_id = :op ORDER BY position").bind("op", m.operatorId())
                    .mapTo(String.class).list());
            assertThat(committed).hasSizeGreaterThanOrEqualTo(writers * transactions);
            assertThat(seen).containsExactlyElementsOf(committed);
            assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
            // From any cursor handed out (the last one included, whose remainder is empty), a reader gets
            // exactly what came after the records read before it.
            List<Handed> handedOut = new ArrayList<>(cursors);
            List<Handed> tried = new ArrayList<>(List.of(handedOut.get(handedOut.size() - 1)));
            for (int i = 0; i < 5; i++) {
                tried.add(handedOut.get(ThreadLocalRandom.current().nextInt(handedOut.size())));
            }
            for (Handed from : tried) {
                assertThat(readToEnd(m.client(), from.cursor())).as("from cursor after %d records", from.after())
                        .containsExactlyElementsOf(committed.subList(from.after(), committed.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Transactions of new bets and revisions of this writer's earlier ones, each pausing before it takes positions. */
    private Void write(Member m, int writer, int transactions) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        for (int t = 0; t < transactions; t++) {
            List<BetStore.Observed> bets = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            String fresh = "w" + writer + "t" + t + m.tag();
            bets.add(bet(m.account(), fresh, "1.00"));
            ids.add(fresh);
            if (!mine.isEmpty() && random.nextBoolean()) {
                String again = mine.get(random.nextInt(mine.size()));
                if (ids.add(again)) {
                    bets.add(bet(m.account(), again, random.nextInt(1, 999) + ".00"));
                }
            }
            mine.add(fresh);
            try (Handle h = jdbi.open()) {
                h.begin();
                List<String> changed = BetStore.upsert(h, Game.KY, bets);
                // Others begin, take positions and commit meanwhile: this one commits out of order.
                Thread.sleep(random.nextInt(0, 15));
                BetStore.sequence(h, Game.KY, changed);
                // Positions taken, not yet visible: without the sequencing lock a later position could commit first.
                Thread.sleep(random.nextInt(0, 5));
                h.commit();
            }
        }
        return null;
    }

    private static List<String> readToEnd(GatewayClient client, String cursor) {
        List<String> out = new ArrayList<>();
        Page page;
        String at = cursor;
        do {
            page = feed(client, at, 50);
            out.addAll(page.ids());
            at = page.cursor();
        } while (page.more());
        return out;
    }

    /** A NextCursor the reader was given, and how many records it had read when it was. */
    private record Handed(String cursor, int after) {
    }

    /** One page of the feed: BetId#Revision of each record, NextCursor, HasMore. */
    private record Page(List<String> ids, String cursor, boolean more) {
    }

    private static Page feed(GatewayClient client, String cursor, int size) {
        JsonNode page = client.post("/v1/bet/feed", "{\"PageSize\":" + size + (cursor == null ? "" : ",\"Cursor\":\"" + cursor + "\"")
                + "}").send().json();
        assertThat(page.path("Code").asString()).as(page.toString()).isEqualTo("Success");
        List<String> ids = new ArrayList<>();
        page.path("Records").forEach(r -> ids.add(r.path("BetId").asString() + "#" + r.path("Revision").asInt()));
        return new Page(ids, page.path("NextCursor").asString(), page.path("HasMore").asBoolean());
    }

    private record Member(String operatorId, GatewayClient client, String account, String tag) {
    }

    /** A fresh operator's member with a KY account (a login opens it). */
    private Member member() {
        AdminApi.Operator op = admin().createLoopback("");
        GatewayClient client = op.client(baseUrl());
        String name = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(name, "abc12345")).send().code()).isEqualTo("Success");
        assertThat(client.post("/v1/account/login", Fixtures.login(name, "KY")).send().code()).isEqualTo("Success");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", op.operatorId(), name);
        return new Member(op.operatorId(), client, account, "x" + Long.toString(System.nanoTime(), 36));
    }

    private static BetStore.Observed bet(String account, String id, String payout) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new BetStore.Observed(id, account, "620", "r-" + id, "CNY", new BigDecimal("1.00"), new BigDecimal("1.00"),
                new BigDecimal(payout), BetStatus.SETTLED, at, at, at);
    }
}
