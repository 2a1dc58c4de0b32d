package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.ReportStore;
import java.time.ZoneId;
import java.util.List;

/** The daily report (docs/events.md, "Daily report"): every rule checked before one query. */
final class ReportAdmin {
    private final OperatorStore operators;
    private final ReportStore reports;

    ReportAdmin(OperatorStore operators, ReportStore reports) {
        this.operators = operators;
        this.reports = reports;
    }

    /** A daily report and the zone its days are in. */
    record Daily(String operatorId, ZoneId zone, FieldRules.Days days, List<ReportStore.Day> rows) {
    }

    /** {@code OperatorId}, {@code From}, {@code To} (dates in the operator's zone), optional {@code Game}. */
    Daily daily(Fields f) {
        String operatorId = FieldRules.operatorId(f);
        FieldRules.Days days = FieldRules.reportDays(f);
        Game game = f.has(RequestField.GAME) ? FieldRules.game(f) : null;
        OperatorStore.OperatorRow operator = operators.operator(operatorId)
                .orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
        return new Daily(operatorId, operator.timeZone(), days,
                reports.daily(operatorId, operator.timeZone(), days.from(), days.to(), game));
    }
}
