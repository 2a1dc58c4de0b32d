package com.beiying.gateway.persistence;

import com.beiying.gateway.domain.Game;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * INTERIM (issue 17): daily sums per game for the console's report page, computed straight from
 * {@code orders} and {@code bets} until the admin API's own daily report (built on another
 * branch) lands; then this store, its {@code InterimDailyReportStore/daily.sql} and the console's
 * {@code InterimDailyReportSource} go, and the console's {@code DailyReportSource} is implemented
 * by the real report. It reads two table families, which a store otherwise never does: one
 * temporary query is easier to delete whole than to spread over {@link OrderStore} and
 * {@link BetStore}.
 */
public final class InterimDailyReportStore {
    private static final String DAILY = Sql.of(InterimDailyReportStore.class, "daily");

    /** One day and game: transfers in and out, settled bets, turnover, payout, GGR, active members. */
    public record DayGame(LocalDate day, Game game, BigDecimal transfersIn, BigDecimal transfersOut, long bets, BigDecimal turnover,
                          BigDecimal payout, BigDecimal ggr, long activeMembers) {
    }

    private final Jdbi jdbi;

    /** A store on the given database. */
    public InterimDailyReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The operator's days {@code from} to {@code to} (both included) in its time zone, each game
     * with any transfer or settled bet that day; days and games without either are left out.
     */
    public List<DayGame> daily(String operatorId, ZoneId zone, LocalDate from, LocalDate to) {
        List<String> days = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d.toString());
            starts.add(d.atStartOfDay(zone).toInstant().toString());
            ends.add(d.plusDays(1).atStartOfDay(zone).toInstant().toString());
        }
        return jdbi.withHandle(h -> h.createQuery(DAILY).bind("operatorId", operatorId)
                .bindArray("days", String.class, days).bindArray("starts", String.class, starts)
                .bindArray("ends", String.class, ends)
                .map((rs, ctx) -> new DayGame(rs.getObject(1, LocalDate.class), Game.fromCode(rs.getString(2)).orElseThrow(),
                        money(rs.getBigDecimal(3)), money(rs.getBigDecimal(4)), rs.getLong(5), money(rs.getBigDecimal(6)),
                        money(rs.getBigDecimal(7)), money(rs.getBigDecimal(8)), rs.getLong(9)))
                .list());
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
