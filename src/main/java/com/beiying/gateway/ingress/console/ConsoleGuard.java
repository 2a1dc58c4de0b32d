package com.beiying.gateway.ingress.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards everything under {@code /console}: security headers on every answer, a server-side
 * session for every page and action but sign-in and the static assets, and a CSRF token on every
 * change. Written by hand instead of with Spring Security: that is not among the gateway's
 * dependencies, and these four duties fit in one small filter, whereas Spring Security would put
 * its filter chain in front of {@code /v1} and {@code /admin/v1} too, whose authentication
 * (signatures, the admin token) is already the gateway's own.
 *
 * <ul>
 * <li>Pages without a session redirect to sign-in; any other method without one is 403.</li>
 * <li>A change (any method but GET and HEAD) must carry the session's CSRF token in the form field
 * {@value #CSRF_FIELD} or the header {@value #CSRF_HEADER}, compared in constant time; without it
 * the answer is 403 and nothing runs. Sign-in has no session yet: a cross-site sign-in is refused
 * by its {@code Sec-Fetch-Site} and {@code Origin} instead.</li>
 * <li>The session cookie is HttpOnly, {@code SameSite=Strict}, {@code Path=/console}, and Secure
 * when the request came over https.</li>
 * </ul>
 */
final class ConsoleGuard extends OncePerRequestFilter {
    static final String COOKIE = "beiying_console";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The request attribute under which controllers find the signed-in session. */
    static final String SESSION_ATTRIBUTE = ConsoleGuard.class.getName() + ".session";
    static final String PREFIX = "/console";
    static final String SIGN_IN = PREFIX + "/signin";
    /** The language switch: it sets only this browser's language cookie, so it needs no session. */
    static final String LANGUAGE = PREFIX + "/language";
    static final String ASSETS = PREFIX + "/assets/";
    /**
     * Only this origin's scripts, styles, images and connections; no inline script or style, no
     * plugins, no framing, forms only to this origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ConsoleSessions sessions;

    ConsoleGuard(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // The path as the container decoded and normalised it (no "..", no ";params"), the one
        // requests are dispatched by: the raw URI could name an asset and reach a page.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(ASSETS)) {
            chain.doFilter(request, response);
            return;
        }
        // Pages show operators, members and money: no cache, shared or private, keeps them.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (path.equals(LANGUAGE) && !change) {
            chain.doFilter(request, response);
            return;
        }
        if (path.equals(SIGN_IN)) {
            if (change && !sameOrigin(request)) {
                refuse(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(cookie(request));
        if (session.isEmpty()) {
            if (change) {
                refuse(response);
            } else {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + SIGN_IN);
            }
            return;
        }
        if (change) {
            String given = request.getHeader(CSRF_HEADER);
            if (given == null) {
                given = request.getParameter(CSRF_FIELD);
            }
            if (!session.get().csrfMatches(given)) {
                refuse(response);
                return;
            }
        }
        request.setAttribute(SESSION_ATTRIBUTE, session.get());
        chain.doFilter(request, response);
    }

    /** The session cookie's value, if the browser sent one. */
    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, only under /console, Secure over https; empty with age 0 removes it. */
    static String sessionCookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).sameSite("Strict").secure(request.isSecure())
                .path(request.getContextPath() + PREFIX).maxAge(maxAge).build().toString();
    }

    /**
     * Whether a sign-in was sent from the console's own pages. Browsers say where a request comes
     * from in {@code Sec-Fetch-Site} ({@code same-origin}, or {@code none} when typed); under the
     * console's {@code Referrer-Policy: no-referrer} they send {@code Origin: null} on every POST,
     * so an {@code Origin} only counts when it names a real origin. A client that sends neither
     * (a script, an old browser) is let through: the token decides.
     */
    private static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || origin.equals("null")) {
            return true;
        }
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
        String own = request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
        return own.equalsIgnoreCase(origin);
    }

    /** 403 with a short page in both languages; no session is needed to read it, and it says nothing more. */
    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>403</title></head><body>"
                + "<h1 id=\"refused\">403</h1><p>拒绝：需要有效的会话和 CSRF 令牌。Refused: a valid session and CSRF token are needed.</p>"
                + "<p><a href=\"" + SIGN_IN + "\">登录 / Sign in</a></p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

