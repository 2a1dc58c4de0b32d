package com.beiying.gateway.ingress.console;

import com.beiying.gateway.bets.BetQueries;
import com.beiying.gateway.bets.BetRecordView;
import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.ingress.admin.MemberAdmin;
import com.beiying.gateway.ingress.admin.OperatorAdmin;
import com.beiying.gateway.persistence.BetStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Member lookup (accounts, each provider's balance, latest orders) and bet search, which reads
 * exactly what {@code POST /v1/bet/records} answers the operator, by the same rules.
 */
@ConditionalOnRole(Role.INGRESS)
@Controller
class LookupPages {
    private static final int BET_PAGE_SIZE = 50;
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final MemberAdmin members;
    private final OperatorAdmin operators;
    private final OperatorDirectory directory;
    private final BetQueries bets;
    private final Clock clock;

    LookupPages(MemberAdmin members, OperatorAdmin operators, OperatorDirectory directory, BetQueries bets, Clock clock) {
        this.members = members;
        this.operators = operators;
        this.directory = directory;
        this.bets = bets;
        this.clock = clock;
    }

    /** A bet as a row of the search: the API's words, money as plain decimals, times in the operator's zone. */
    record BetRow(String betId, String game, String userName, String gameId, String betAmount, String validBet, String payout,
                  String winLoss, String status, String betTime, String settledAt) {
    }

    @GetMapping("/console/members")
    String member(@RequestParam(name = "OperatorId", required = false) String operatorId,
                  @RequestParam(name = "UserName", required = false) String userName, Locale locale, HttpServletResponse response,
                  Model model) {
        model.addAttribute("operators", operators.list());
        model.addAttribute("operatorId", operatorId);
        model.addAttribute("userName", userName);
        if (operatorId != null && userName != null) {
            try {
                String name = FieldRules.userName(Forms.create().text("UserName", userName).fields());
                model.addAttribute("found", members.lookup(operatorId, name, true, ConsoleLocaleResolver.language(locale)));
            } catch (GatewayException e) {
                response.setStatus(e.error().httpStatus());
                model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            }
        }
        return "console/members";
    }

    @GetMapping("/console/bets")
    String bets(@RequestParam(name = "OperatorId", required = false) String operatorId,
                @RequestParam(name = "StartTime", required = false) String start,
                @RequestParam(name = "EndTime", required = false) String end,
                @RequestParam(name = "Game", required = false) String game,
                @RequestParam(name = "By", required = false) String by,
                @RequestParam(name = "Page", required = false) String page, Locale locale, HttpServletResponse response,
                Model model) {
        model.addAttribute("operators", operators.list());
        model.addAttribute("games", Game.values());
        model.addAttribute("operatorId", operatorId);
        model.addAttribute("game", game);
        model.addAttribute("by", by == null || by.isBlank() ? "BetTime" : by);
        String startText = start;
        String endText = end;
        if (operatorId != null && !operatorId.isBlank()) {
            try {
                Operator operator = directory.byId(operatorId).orElseThrow(() -> new GatewayException(Errors.OPERATOR_NOT_FOUND));
                ZoneId zone = operator.timeZone();
                if (startText == null || startText.isBlank()) {
                    startText = INPUT.format(clock.instant().minus(Duration.ofDays(1)).atZone(zone).truncatedTo(ChronoUnit.MINUTES));
                }
                if (endText == null || endText.isBlank()) {
                    endText = INPUT.format(clock.instant().plus(Duration.ofHours(1)).atZone(zone).truncatedTo(ChronoUnit.MINUTES));
                }
                BetQueries.RecordsPage read = bets.recordsPage(operator, Forms.create().text("StartTime", startText)
                        .text("EndTime", endText).text("Game", game).text("By", by == null || by.isBlank() ? "BetTime" : by)
                        .number("Page", page).number("PageSize", Integer.toString(BET_PAGE_SIZE)).fields());
                model.addAttribute("rows", read.found().records().stream().map(r -> row(r, zone)).toList());
                model.addAttribute("total", read.found().total());
                model.addAttribute("page", read.page());
                model.addAttribute("pages", Math.max(1, (read.found().total() + BET_PAGE_SIZE - 1) / BET_PAGE_SIZE));
                model.addAttribute("zone", zone.getId());
            } catch (GatewayException e) {
                response.setStatus(e.error().httpStatus());
                model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            }
        }
        model.addAttribute("start", startText);
        model.addAttribute("end", endText);
        return "console/bets";
    }

    private static BetRow row(BetStore.Revision r, ZoneId zone) {
        return new BetRow(BetRecordView.betId(r), r.game().code(), r.userName(), r.gameId(), money(r.betAmount()), money(r.validBet()),
                money(r.payout()), money(r.payout().subtract(r.betAmount())), r.status().word(), BetRecordView.time(r.betTime(), zone),
                r.settledAt() == null ? "" : BetRecordView.time(r.settledAt(), zone));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
