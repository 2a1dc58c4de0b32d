package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Reports read across tables and write none (docs/events.md, "Daily report"), computed in
 * PostgreSQL from the orders and bets themselves, so a report is exact and the same however often
 * it is asked. SQL in {@code ReportStore/*.sql}.
 */
public final class ReportStore {
    private static final String DAILY = Sql.of(ReportStore.class, "daily");

    /** One day and game of an operator's daily report. */
    public record Day(LocalDate date, Game game, BigDecimal transfersIn, long transfersInCount, BigDecimal transfersOut,
                      long transfersOutCount, long bets, BigDecimal betAmount, BigDecimal turnover, BigDecimal payout,
                      long activeMembers) {
        /** Gross gaming revenue: what members staked on settled bets less what was paid back to them. */
        public BigDecimal ggr() {
            return betAmount.subtract(payout);
        }
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public ReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The operator's days {@code from} to {@code to} (inclusive) in its zone, one game or (null) all; days without activity are left out. */
    public List<Day> daily(String operatorId, ZoneId zone, LocalDate from, LocalDate to, Game game) {
        List<String> days = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
            starts.add(d.atStartOfDay(zone).toInstant().toString());
            ends.add(d.plusDays(1).atStartOfDay(zone).toInstant().toString());
        }
        return jdbi.withHandle(h -> h.createQuery(DAILY).bind("operatorId", operatorId).bind("game", game == null ? null : game.code())
                .bindArray("days", String.class, days).bindArray("starts", String.class, starts).bindArray("ends", String.class, ends)
                .map((rs, ctx) -> new Day(LocalDate.parse(rs.getString(1)), Game.fromCode(rs.getString(2)).orElseThrow(),
                        rs.getBigDecimal(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getLong(11))).list());
    }
}
