package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.ingress.admin.AdminToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Signing in with the admin token, signing out, and the language switch. The token arrives only in
 * a POSTed form, so it never stands in a URL, a history entry or an access log, and it is never
 * logged or written back into a page.
 */
@ConditionalOnRole(Role.INGRESS)
@Controller
class SignInController {
    /** Where the language switch may send a person back to: a console path, never another site. */
    private static final Pattern BACK = Pattern.compile("/console(/[A-Za-z0-9/_.~-]*)?(\\?[A-Za-z0-9_.~%&=+:-]*)?");

    private final AdminToken token;
    private final ConsoleSessions sessions;
    private final LocaleResolver locales;

    SignInController(AdminToken token, ConsoleSessions sessions, LocaleResolver locales) {
        this.token = token;
        this.sessions = sessions;
        this.locales = locales;
    }

    @GetMapping("/console/signin")
    String form() {
        return "console/signin";
    }

    @PostMapping("/console/signin")
    String signIn(@RequestParam(name = "token", required = false) String given, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        if (!token.matches(given)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("failed", true);
            return "console/signin";
        }
        // A fresh id at every sign-in: a cookie planted before it never becomes a session.
        sessions.close(ConsoleGuard.cookie(request));
        ConsoleSessions.Opened opened = sessions.open();
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleGuard.sessionCookie(request, opened.cookieValue(), Duration.ofSeconds(-1)));
        return "redirect:/console/operators";
    }

    @PostMapping("/console/signout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(ConsoleGuard.cookie(request));
        response.addHeader(HttpHeaders.SET_COOKIE, ConsoleGuard.sessionCookie(request, "", Duration.ZERO));
        return "redirect:/console/signin";
    }

    /**
     * Switches the language and returns to the page it was chosen on. A GET, and without CSRF
     * token, because it changes nothing on the server: only this browser's language cookie.
     */
    @GetMapping("/console/language")
    String language(@RequestParam(name = "to", required = false) String to, @RequestParam(name = "back", required = false) String back,
                    HttpServletRequest request, HttpServletResponse response) {
        locales.setLocale(request, response, ConsoleLocaleResolver.locale(Language.fromHeader(to)));
        return "redirect:" + (back != null && BACK.matcher(back).matches() ? back : "/console/operators");
    }
}
