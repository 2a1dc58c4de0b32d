package com.beiying.gateway.bets;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.domain.RecordsBy;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.persistence.BetStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The three bet-record reads of the API (docs/bets.md), whoever serves them (a worker for a
 * command, or the ingress directly): every field rule first, then one query, always within the
 * calling operator, so another operator's bets are invisible and its BetId looks unknown.
 */
@Component
public final class BetQueries {
    private final BetStore store;
    private final Clock clock;

    /** Queries over the given store, judging windows by the given clock. */
    public BetQueries(BetStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One page of a window query with the page number and size it was read with. */
    public record RecordsPage(BetStore.Page found, int page, int pageSize) {
    }

    /** {@code POST /v1/bet/records}: a page of the operator's latest records in a window. */
    public Map<String, FieldInput> records(Operator operator, Fields fields) {
        RecordsPage read = recordsPage(operator, fields);
        Map<String, FieldInput> out = new LinkedHashMap<>();
        out.put("Records", BetRecordView.array(read.found().records(), operator.timeZone()));
        out.put("Total", FieldInput.number(Long.toString(read.found().total())));
        out.put("Page", FieldInput.number(Integer.toString(read.page())));
        out.put("PageSize", FieldInput.number(Integer.toString(read.pageSize())));
        return out;
    }

    /**
     * The same read as {@link #records}, by the same rules, answered as records rather than as
     * fields of a reply: the console's bet search shows exactly what the API answers.
     */
    public RecordsPage recordsPage(Operator operator, Fields fields) {
        FieldRules.Window window = FieldRules.betWindow(fields, operator.timeZone(), clock.instant());
        Game game = FieldRules.optionalGame(fields).orElse(null);
        RecordsBy by = FieldRules.recordsBy(fields);
        int page = FieldRules.page(fields);
        int pageSize = FieldRules.pageSize(fields);
        return new RecordsPage(store.records(operator.operatorId(), game, by, window.start(), window.end(), page, pageSize), page,
                pageSize);
    }

    /**
     * {@code POST /v1/bet/feed}: the operator's revisions after the cursor in commit order. An
     * empty page hands the same cursor back, so a reader can always resume from NextCursor.
     */
    public Map<String, FieldInput> feed(Operator operator, Fields fields) {
        long after = FieldRules.cursor(fields).map(FeedCursor::position).orElse(0L);
        int pageSize = FieldRules.pageSize(fields);
        List<BetStore.Revision> found = store.feed(operator.operatorId(), after, pageSize + 1);
        boolean more = found.size() > pageSize;
        List<BetStore.Revision> page = more ? found.subList(0, pageSize) : found;
        long next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        Map<String, FieldInput> out = new LinkedHashMap<>();
        out.put("Records", BetRecordView.array(page, operator.timeZone()));
        out.put("NextCursor", FieldInput.string(FeedCursor.of(next)));
        out.put("HasMore", FieldInput.bool(more));
        return out;
    }

    /** {@code POST /v1/bet/record}: one bet by its BetId; unknown, malformed or another operator's: ORDER_NOTFOUND 2035. */
    public Map<String, FieldInput> record(Operator operator, Fields fields) {
        String betId = FieldRules.betId(fields);
        int dash = betId.indexOf('-');
        Optional<Game> game = dash > 0 ? Game.fromCode(betId.substring(0, dash)) : Optional.empty();
        if (game.isEmpty() || dash == betId.length() - 1) {
            throw new GatewayException(Errors.BET_NOT_FOUND);
        }
        BetStore.Revision bet = store.bet(operator.operatorId(), game.get(), betId.substring(dash + 1))
                .orElseThrow(() -> new GatewayException(Errors.BET_NOT_FOUND));
        return BetRecordView.fields(bet, operator.timeZone());
    }
}
