package com.beiying.gateway.ingress.console;

import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.InterimDailyReportStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import java.time.LocalDate;
import java.util.List;

/**
 * INTERIM (issue 17): the daily report computed straight from PostgreSQL
 * ({@link InterimDailyReportStore}) until the admin API's daily report lands; then a source over
 * that report replaces this class in {@link ConsoleConfiguration}, and this class and the store go.
 */
final class InterimDailyReportSource implements DailyReportSource {
    private final InterimDailyReportStore store;
    private final OperatorDirectory operators;

    InterimDailyReportSource(InterimDailyReportStore store, OperatorDirectory operators) {
        this.store = store;
        this.operators = operators;
    }

    @Override
    public List<Row> daily(String operatorId, LocalDate from, LocalDate to) {
        Operator operator = operators.byId(operatorId).orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
        return store.daily(operatorId, operator.timeZone(), from, to).stream()
                .map(d -> new Row(d.day(), d.game(), d.transfersIn(), d.transfersOut(), d.bets(), d.turnover(), d.payout(), d.ggr(),
                        d.activeMembers()))
                .toList();
    }
}
