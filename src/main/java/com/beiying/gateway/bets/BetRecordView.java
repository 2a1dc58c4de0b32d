package com.beiying.gateway.bets;

import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.persistence.BetStore;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A bet record as the API shows it (docs/bets.md, "Record fields"): {@code BetId} is
 * {@code <Game>-<ProviderBetId>}, money as decimal strings with two decimals, {@code WinLoss} =
 * {@code Payout - BetAmount}, times ISO-8601 with the offset of the operator's time zone, to the
 * millisecond.
 */
public final class BetRecordView {
    /** ISO-8601 with offset and milliseconds, e.g. {@code 2026-12-02T18:30:05.000+08:00}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BetRecordView() {
    }

    /** The gateway's id of a bet. */
    public static String betId(BetStore.Revision r) {
        return r.game().code() + "-" + r.providerBetId();
    }

    /** The record's fields, for an answer that is one record. */
    public static Map<String, FieldInput> fields(BetStore.Revision r, ZoneId zone) {
        Map<String, FieldInput> out = new LinkedHashMap<>();
        out.put("BetId", FieldInput.string(betId(r)));
        out.put("Game", FieldInput.string(r.game().code()));
        out.put("ProviderBetId", FieldInput.string(r.providerBetId()));
        out.put("UserName", FieldInput.string(r.userName()));
        out.put("GameId", FieldInput.string(r.gameId()));
        out.put("RoundId", FieldInput.string(r.roundId()));
        out.put("Currency", FieldInput.string(r.currency()));
        out.put("BetAmount", FieldInput.string(money(r.betAmount())));
        out.put("ValidBet", FieldInput.string(money(r.validBet())));
        out.put("Payout", FieldInput.string(money(r.payout())));
        out.put("WinLoss", FieldInput.string(money(r.payout().subtract(r.betAmount()))));
        out.put("Status", FieldInput.string(r.status().word()));
        out.put("BetTime", FieldInput.string(time(r.betTime(), zone)));
        out.put("SettledAt", r.settledAt() == null ? FieldInput.NULL : FieldInput.string(time(r.settledAt(), zone)));
        out.put("UpdatedAt", FieldInput.string(time(r.updatedAt(), zone)));
        out.put("Revision", FieldInput.number(Integer.toString(r.revision())));
        return out;
    }

    /** Records as one JSON array, carried as a reply's {@code Records} field. */
    public static FieldInput array(List<BetStore.Revision> records, ZoneId zone) {
        StringWriter out = new StringWriter(Math.max(64, records.size() * 420));
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            for (BetStore.Revision r : records) {
                g.writeStartObject();
                for (Map.Entry<String, FieldInput> f : fields(r, zone).entrySet()) {
                    FieldInput v = f.getValue();
                    switch (v.kind()) {
                        case STRING -> g.writeStringProperty(f.getKey(), v.text());
                        case NUMBER -> g.writeName(f.getKey()).writeNumber(v.text());
                        default -> g.writeNullProperty(f.getKey());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return FieldInput.json(FieldInput.Kind.ARRAY, out.toString());
    }

    /** A time in the operator's zone. */
    public static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
