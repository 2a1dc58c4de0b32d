package com.beiying.gateway.ingress.console;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.ReportStore;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/** The operator console (/console), in the ingress role beside the admin API it shows to people. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.INGRESS)
class ConsoleConfiguration {

    @Bean
    ConsoleSessions consoleSessions(Clock clock) {
        return new ConsoleSessions(clock);
    }

    /** The guard runs on /console and below only, right after the locale filter that every request passes. */
    @Bean
    FilterRegistrationBean<ConsoleGuard> consoleGuard(ConsoleSessions sessions) {
        FilterRegistrationBean<ConsoleGuard> registration = new FilterRegistrationBean<>(new ConsoleGuard(sessions));
        registration.addUrlPatterns(ConsoleGuard.PREFIX, ConsoleGuard.PREFIX + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Named so that the DispatcherServlet uses it; the API never asks Spring for a locale. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        return new ConsoleLocaleResolver();
    }

    @Bean
    DailyReportSource dailyReportSource(ReportStore store, OperatorDirectory operators) {
        return new StoredDailyReportSource(store, operators);
    }
}
