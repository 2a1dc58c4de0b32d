package com.beiying.gateway.ingress.console;

import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.ReportStore;
import java.time.LocalDate;
import java.util.List;

/** The console's daily report from the same store and rules as {@code GET /admin/v1/reports/daily}. */
final class StoredDailyReportSource implements DailyReportSource {
    private final ReportStore store;
    private final OperatorDirectory operators;

    StoredDailyReportSource(ReportStore store, OperatorDirectory operators) {
        this.store = store;
        this.operators = operators;
    }

    @Override
    public List<Row> daily(String operatorId, LocalDate from, LocalDate to) {
        Operator operator = operators.byId(operatorId).orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
        return store.daily(operatorId, operator.timeZone(), from, to, null).stream()
                .map(d -> new Row(d.date(), d.game(), d.transfersIn(), d.transfersOut(), d.bets(), d.turnover(), d.payout(), d.ggr(),
                        d.activeMembers()))
                .toList();
    }
}
