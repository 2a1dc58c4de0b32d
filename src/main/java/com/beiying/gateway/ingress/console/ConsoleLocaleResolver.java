package com.beiying.gateway.ingress.console;

import com.beiying.gateway.error.Language;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The console's language: the one a person chose with the switch (a cookie under
 * {@code /console}), else the browser's {@code Accept-Language} read as the API reads it
 * ({@link Language}: English when English comes first, else Chinese). Only the console renders
 * with Spring's locale; the API's messages follow {@link Language} on their own.
 */
final class ConsoleLocaleResolver implements LocaleResolver {
    static final String COOKIE = "beiying_console_lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return locale(Language.fromHeader(c.getValue()));
                }
            }
        }
        return locale(Language.fromHeader(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Language language = locale != null && locale.getLanguage().equals("en") ? Language.EN : Language.ZH_CN;
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, language.tag()).httpOnly(true).sameSite("Strict")
                .secure(request.isSecure()).path(request.getContextPath() + ConsoleGuard.PREFIX).maxAge(Duration.ofDays(365))
                .build().toString());
    }

    /** The locale of a language, as the message bundles are named. */
    static Locale locale(Language language) {
        return language == Language.EN ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /** The API's language of a locale, for the catalog's messages. */
    static Language language(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? Language.EN : Language.ZH_CN;
    }
}
