package com.beiying.gateway.ingress.console;

import com.beiying.gateway.domain.Game;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Where the console's daily report comes from: per day of the operator's time zone and game, the
 * sums the aggregator settles on, the same as {@code GET /admin/v1/reports/daily} answers.
 */
interface DailyReportSource {

    /**
     * One day and game. Transfers count successful orders by the day they finished; bets,
     * turnover ({@code ValidBet}), payout and GGR (stakes less payouts, the house's side) count
     * bets by the day they were settled; active members made a transfer or had a bet settled.
     */
    record Row(LocalDate day, Game game, BigDecimal transfersIn, BigDecimal transfersOut, long bets, BigDecimal turnover,
               BigDecimal payout, BigDecimal ggr, long activeMembers) {
    }

    /**
     * The operator's days {@code from} to {@code to}, both included, in its time zone; a day and
     * game without any activity may be left out.
     */
    List<Row> daily(String operatorId, LocalDate from, LocalDate to);
}
