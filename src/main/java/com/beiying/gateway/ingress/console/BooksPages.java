package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.ingress.admin.OperatorAdmin;
import com.beiying.gateway.ingress.admin.WalletAdmin;
import com.beiying.gateway.persistence.GameStatusDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Game maintenance, unresolved orders, the ledger check and reconciliation: the admin API's
 * wallet and game routes as pages. Reads that ask the providers (reconciliation, the ledger check
 * against providers) run only when asked for, since each asks every wallet's provider.
 */
// Console pages belong to the ingress, like ConsoleConfiguration: a worker-only process has no
// admin services for them and would not start.
@ConditionalOnRole(Role.INGRESS)
@Controller
class BooksPages {
    private final WalletAdmin wallet;
    private final OperatorAdmin operators;
    private final GameStatusDirectory games;

    BooksPages(WalletAdmin wallet, OperatorAdmin operators, GameStatusDirectory games) {
        this.wallet = wallet;
        this.operators = operators;
        this.games = games;
    }

    /** A game's maintenance as the page shows it; {@code until} null while open-ended or not in maintenance. */
    record GameState(Game game, boolean maintenance, Instant until) {
    }

    @GetMapping("/console/games")
    String games(@RequestParam(name = "done", required = false) String done, Model model) {
        model.addAttribute("done", "maintenance".equals(done) ? done : null);
        return gamesPage(model);
    }

    /** Starts ({@code Enabled=true}, optional {@code Until} in UTC) or lifts a game's maintenance. */
    @PostMapping("/console/games/{game}/maintenance")
    String maintenance(@PathVariable String game, @RequestParam(name = "Enabled", required = false) String enabled,
                       @RequestParam(name = "Until", required = false) String until, Locale locale, HttpServletResponse response,
                       Model model) {
        try {
            Game g = FieldRules.gameCode(game, RequestField.GAME);
            Forms form = Forms.create().text("Until", utc(until));
            if (enabled != null) {
                form.bool("Enabled", Boolean.parseBoolean(enabled));
            }
            Fields f = form.fields();
            boolean on = FieldRules.enabled(f);
            games.set(g, on, on ? FieldRules.until(f) : null);
            return "redirect:/console/games?done=maintenance";
        } catch (GatewayException e) {
            response.setStatus(e.error().httpStatus());
            model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            return gamesPage(model);
        }
    }

    @GetMapping("/console/orders/unresolved")
    String unresolved(Model model) {
        model.addAttribute("orders", wallet.unresolved());
        return "console/unresolved";
    }

    /** The books' own invariants at once; with {@code CompareProviders} also every wallet against its provider. */
    @GetMapping("/console/ledger")
    String ledger(@RequestParam(name = "CompareProviders", required = false) String compare,
                  @RequestParam(name = "OperatorId", required = false) String operatorId, Locale locale,
                  HttpServletResponse response, Model model) {
        boolean withProviders = "true".equals(compare);
        String operator = blankToNull(operatorId);
        try {
            model.addAttribute("violations", wallet.check(withProviders, operator, ConsoleLocaleResolver.language(locale)));
        } catch (GatewayException e) {
            response.setStatus(e.error().httpStatus());
            model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            model.addAttribute("violations", List.of());
        }
        model.addAttribute("compared", withProviders);
        model.addAttribute("operatorId", operator);
        model.addAttribute("operators", operators.list());
        return "console/ledger";
    }

    @GetMapping("/console/reconciliation")
    String reconciliation(@RequestParam(name = "OperatorId", required = false) String operatorId,
                          @RequestParam(name = "Game", required = false) String game,
                          @RequestParam(name = "run", required = false) String run, Locale locale, HttpServletResponse response,
                          Model model) {
        String operator = blankToNull(operatorId);
        String gameCode = blankToNull(game);
        model.addAttribute("operators", operators.list());
        model.addAttribute("games", Game.values());
        model.addAttribute("operatorId", operator);
        model.addAttribute("game", gameCode);
        if (run != null) {
            try {
                model.addAttribute("result", wallet.reconcile(operator, gameCode == null ? null : FieldRules.gameCode(gameCode,
                        RequestField.GAME), ConsoleLocaleResolver.language(locale)));
            } catch (GatewayException e) {
                response.setStatus(e.error().httpStatus());
                model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            }
        }
        return "console/reconciliation";
    }

    private String gamesPage(Model model) {
        List<GameState> states = Arrays.stream(Game.values()).map(g -> {
            Optional<GameStatusDirectory.Window> w = games.maintenance(g);
            return new GameState(g, w.isPresent(), w.map(GameStatusDirectory.Window::until).orElse(null));
        }).toList();
        model.addAttribute("states", states);
        return "console/games";
    }

    /** A datetime-local input ("2026-11-23T10:00") is read in UTC, as the page says; a time with its offset is kept. */
    private static String utc(String until) {
        if (until == null || until.isBlank()) {
            return null;
        }
        String t = until.trim();
        if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return t + ":00Z";
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
            return t + "Z";
        }
        return t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
