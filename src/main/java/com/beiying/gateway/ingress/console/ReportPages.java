package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.ingress.admin.OperatorAdmin;
import com.beiying.gateway.persistence.OperatorDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The daily report: per game a chart of GGR and turnover by day, drawn in the browser from the
 * table beside it (the table is the data: the page carries no script of its own, so the CSP holds).
 */
@ConditionalOnRole(Role.INGRESS)
@Controller
class ReportPages {
    /** The longest report a page shows. */
    static final int MAX_DAYS = 62;
    private static final int DEFAULT_DAYS = 14;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final DailyReportSource source;
    private final OperatorAdmin operators;
    private final OperatorDirectory directory;
    private final Clock clock;

    ReportPages(DailyReportSource source, OperatorAdmin operators, OperatorDirectory directory, Clock clock) {
        this.source = source;
        this.operators = operators;
        this.directory = directory;
        this.clock = clock;
    }

    /** One game's days, every day of the range present (zeros where nothing happened), and their totals. */
    record GameReport(Game game, List<DailyReportSource.Row> days, DailyReportSource.Row total) {
    }

    @GetMapping("/console/reports/daily")
    String daily(@RequestParam(name = "OperatorId", required = false) String operatorId,
                 @RequestParam(name = "From", required = false) String from, @RequestParam(name = "To", required = false) String to,
                 Locale locale, HttpServletResponse response, Model model) {
        List<OperatorAdmin.View> all = operators.list();
        model.addAttribute("operators", all);
        String chosen = operatorId == null || operatorId.isBlank()
                ? (all.isEmpty() ? null : all.get(0).operator().operatorId()) : operatorId;
        model.addAttribute("operatorId", chosen);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (chosen == null) {
            return "console/report";
        }
        try {
            Operator operator = directory.byId(chosen).orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
            LocalDate last = to == null || to.isBlank() ? LocalDate.ofInstant(clock.instant(), operator.timeZone())
                    : date(to, RequestField.END_TIME);
            LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date(from, RequestField.START_TIME);
            if (first.isAfter(last)) {
                throw new GatewayException(Errors.DATE_RANGE_REVERSED);
            }
            if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
                throw new GatewayException(Errors.TIME_INTERVAL);
            }
            model.addAttribute("from", first.toString());
            model.addAttribute("to", last.toString());
            model.addAttribute("zone", operator.timeZone().getId());
            model.addAttribute("reports", reports(source.daily(chosen, first, last), first, last));
        } catch (GatewayException e) {
            response.setStatus(e.error().httpStatus());
            model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
        }
        return "console/report";
    }

    /** Per game with any activity in the range, every day of it, in the catalog's order of games. */
    static List<GameReport> reports(List<DailyReportSource.Row> rows, LocalDate first, LocalDate last) {
        Map<Game, Map<LocalDate, DailyReportSource.Row>> byGame = new EnumMap<>(Game.class);
        for (DailyReportSource.Row r : rows) {
            byGame.computeIfAbsent(r.game(), g -> new HashMap<>()).put(r.day(), r);
        }
        List<GameReport> out = new ArrayList<>();
        byGame.forEach((game, days) -> {
            List<DailyReportSource.Row> filled = new ArrayList<>();
            BigDecimal in = ZERO;
            BigDecimal outs = ZERO;
            BigDecimal turnover = ZERO;
            BigDecimal payout = ZERO;
            BigDecimal ggr = ZERO;
            long bets = 0;
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                DailyReportSource.Row r = days.getOrDefault(d, new DailyReportSource.Row(d, game, ZERO, ZERO, 0, ZERO, ZERO, ZERO, 0));
                filled.add(r);
                in = in.add(r.transfersIn());
                outs = outs.add(r.transfersOut());
                turnover = turnover.add(r.turnover());
                payout = payout.add(r.payout());
                ggr = ggr.add(r.ggr());
                bets += r.bets();
            }
            // Active members do not add up over days (the same member plays on several), so the total leaves them out.
            out.add(new GameReport(game, filled, new DailyReportSource.Row(null, game, in, outs, bets, turnover, payout, ggr, -1)));
        });
        return out;
    }

    private static LocalDate date(String text, RequestField field) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, field);
        }
    }
}
