package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.ErrorFormat;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.fields.FieldRules;
import com.beiying.gateway.fields.Fields;
import com.beiying.gateway.ingress.admin.OperatorAdmin;
import com.beiying.gateway.ingress.admin.WalletAdmin;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators: the list, creating one (its secret shown once, on the answer to the form and nowhere
 * else), one operator's settings with the admin API's PATCH semantics, suspending and activating,
 * key rotation and the credit line of every game. Every change runs the admin API's own service
 * and field rules, so a refused form changes nothing and says why in the catalog's words.
 */
@ConditionalOnRole(Role.INGRESS)
@Controller
class OperatorPages {
    /** Notices a page may show after a change redirected to it. */
    private static final Set<String> NOTICES = Set.of("settings", "status", "credit");

    private final OperatorAdmin admin;
    private final WalletAdmin wallet;

    OperatorPages(OperatorAdmin admin, WalletAdmin wallet) {
        this.admin = admin;
        this.wallet = wallet;
    }

    @GetMapping({"/console", "/console/"})
    String home() {
        return "redirect:/console/operators";
    }

    @GetMapping("/console/operators")
    String list(Model model) {
        return listPage(model);
    }

    @PostMapping("/console/operators")
    String create(@RequestParam(name = "Name", required = false) String name,
                  @RequestParam(name = "IpAllowlist", required = false) String allowlist,
                  @RequestParam(name = "LaunchDomain", required = false) String launchDomain,
                  @RequestParam(name = "Currency", required = false) String currency,
                  @RequestParam(name = "ErrorFormat", required = false) String errorFormat,
                  @RequestParam(name = "Games", required = false) List<String> games,
                  @RequestParam(name = "RateLimit", required = false) String rateLimit,
                  @RequestParam(name = "KafkaNative", required = false) String kafkaNative,
                  @RequestParam(name = "TimeZone", required = false) String timeZone,
                  Locale locale, HttpServletResponse response, Model model) {
        Fields fields = Forms.create().text("Name", name).list("IpAllowlist", allowlist).text("LaunchDomain", launchDomain)
                .text("Currency", currency).text("ErrorFormat", errorFormat).list("Games", games).number("RateLimit", rateLimit)
                .bool("KafkaNative", kafkaNative != null).text("TimeZone", timeZone).fields();
        try {
            model.addAttribute("credentials", admin.create(fields));
            model.addAttribute("created", true);
            return "console/credentials";
        } catch (GatewayException e) {
            response.setStatus(e.error().httpStatus());
            model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            model.addAttribute("form", new NewOperatorForm(name, allowlist, launchDomain, currency, errorFormat,
                    games == null ? List.of() : games, rateLimit, kafkaNative != null, timeZone));
            return listPage(model);
        }
    }

    @GetMapping("/console/operators/{operatorId}")
    String operator(@PathVariable String operatorId, @RequestParam(name = "done", required = false) String done, Model model) {
        if (done != null && NOTICES.contains(done)) {
            model.addAttribute("done", done);
        }
        return operatorPage(operatorId, model);
    }

    /** The settings form: allowlist, launch domain, games, error format, rate limit, time zone, as PATCH takes them. */
    @PostMapping("/console/operators/{operatorId}/settings")
    String settings(@PathVariable String operatorId,
                    @RequestParam(name = "IpAllowlist", required = false) String allowlist,
                    @RequestParam(name = "LaunchDomain", required = false) String launchDomain,
                    @RequestParam(name = "ErrorFormat", required = false) String errorFormat,
                    @RequestParam(name = "Games", required = false) List<String> games,
                    @RequestParam(name = "RateLimit", required = false) String rateLimit,
                    @RequestParam(name = "TimeZone", required = false) String timeZone,
                    Locale locale, HttpServletResponse response, Model model) {
        Fields fields = Forms.create().list("IpAllowlist", allowlist).textOrNull("LaunchDomain", launchDomain)
                .text("ErrorFormat", errorFormat).list("Games", games).numberOrNull("RateLimit", rateLimit)
                .text("TimeZone", timeZone).fields();
        return change(operatorId, "settings", () -> admin.patch(operatorId, fields), locale, response, model);
    }

    @PostMapping("/console/operators/{operatorId}/status")
    String status(@PathVariable String operatorId, @RequestParam(name = "Status", required = false) String status, Locale locale,
                  HttpServletResponse response, Model model) {
        Fields fields = Forms.create().text("Status", status).fields();
        return change(operatorId, "status", () -> {
            // Required here, unlike in a PATCH, where leaving it out leaves the status as it is.
            FieldRules.operatorActive(fields);
            admin.patch(operatorId, fields);
        }, locale, response, model);
    }

    /** A new key pair: shown once, like a new operator's. */
    @PostMapping("/console/operators/{operatorId}/keys")
    String rotate(@PathVariable String operatorId, Model model) {
        model.addAttribute("credentials", admin.rotate(operatorId));
        model.addAttribute("created", false);
        return "console/credentials";
    }

    @PostMapping("/console/operators/{operatorId}/credit")
    String credit(@PathVariable String operatorId, @RequestParam(name = "Game", required = false) String game,
                  @RequestParam(name = "Credit", required = false) String credit, Locale locale, HttpServletResponse response,
                  Model model) {
        Fields fields = Forms.create().text("Game", game).decimal("Credit", credit).fields();
        return change(operatorId, "credit", () -> {
            admin.view(operatorId);
            Game g = FieldRules.game(fields);
            wallet.setCredit(operatorId, g, FieldRules.credit(fields));
        }, locale, response, model);
    }

    /** A change, then back to the operator's page (post, redirect, get); refused: the page again with the reason. */
    private String change(String operatorId, String notice, Runnable action, Locale locale, HttpServletResponse response,
                          Model model) {
        try {
            action.run();
            return "redirect:/console/operators/" + admin.view(operatorId).operator().operatorId() + "?done=" + notice;
        } catch (GatewayException e) {
            response.setStatus(e.error().httpStatus());
            model.addAttribute("error", e.message(ConsoleLocaleResolver.language(locale)));
            return operatorPage(operatorId, model);
        }
    }

    private String listPage(Model model) {
        model.addAttribute("operators", admin.list());
        model.addAttribute("games", Game.values());
        model.addAttribute("currencies", FieldRules.CURRENCIES.stream().sorted().toList());
        model.addAttribute("formats", ErrorFormat.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", NewOperatorForm.EMPTY);
        }
        return "console/operators";
    }

    private String operatorPage(String operatorId, Model model) {
        OperatorAdmin.View view = admin.view(operatorId);
        model.addAttribute("op", view.operator());
        model.addAttribute("allowlist", String.join("\n", view.operator().ipAllowlist()));
        model.addAttribute("enabledGames", view.games());
        model.addAttribute("lines", wallet.creditLines(operatorId));
        model.addAttribute("games", Game.values());
        model.addAttribute("formats", ErrorFormat.values());
        return "console/operator";
    }

    /** The create form as typed, shown again when it was refused. */
    record NewOperatorForm(String name, String ipAllowlist, String launchDomain, String currency, String errorFormat, List<String> games,
                           String rateLimit, boolean kafkaNative, String timeZone) {
        static final NewOperatorForm EMPTY = new NewOperatorForm("", "", "", "CNY", "BEIYING",
                Arrays.stream(Game.values()).map(Game::code).toList(), "", false, "Asia/Shanghai");
    }
}
