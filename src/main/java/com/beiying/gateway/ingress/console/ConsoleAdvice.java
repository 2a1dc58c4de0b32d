package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.error.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs (the session's CSRF token for its forms, where the language switch
 * returns to) and how console failures look: an HTML page in the person's language, never the
 * API's JSON, which {@code IngressErrors} would otherwise answer.
 */
@ConditionalOnRole(Role.INGRESS)
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        if (request.getAttribute(ConsoleGuard.SESSION_ATTRIBUTE) instanceof ConsoleSessions.Session session) {
            model.addAttribute("csrf", session.csrfToken());
        }
        String query = request.getQueryString();
        model.addAttribute("back", request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    /** A refusal from the admin services that a page did not handle itself: its catalogued message. */
    @ExceptionHandler(GatewayException.class)
    String refused(GatewayException e, Locale locale, HttpServletResponse response, Model model) {
        response.setStatus(e.error().httpStatus());
        model.addAttribute("message", e.message(ConsoleLocaleResolver.language(locale)));
        return "console/error";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        // The URI only: console forms are posted, so no query string of theirs carries anything secret.
        log.error("console failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("message", null);
        return "console/error";
    }
}
