package com.beiying.gateway.ingress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tomcat throws on a hostile {@code Accept-Language} (too many locales), and Spring's
 * RequestContextFilter asks for the locale of every request, which turned such a header into a
 * 500. The gateway reads the header itself ({@link com.beiying.gateway.error.Language}), so a
 * locale that cannot be parsed simply falls back to the default here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SafeLocaleFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Locale getLocale() {
                try {
                    return super.getLocale();
                } catch (IllegalArgumentException e) {
                    return Locale.getDefault();
                }
            }

            @Override
            public Enumeration<Locale> getLocales() {
                try {
                    return super.getLocales();
                } catch (IllegalArgumentException e) {
                    return Collections.enumeration(List.of(Locale.getDefault()));
                }
            }
        }, response);
    }
}
