package com.beiying.gateway.simulator;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.Role;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link SimulatorServlet} on the eight games' paths. A servlet mapping by path prefix wins
 * over the dispatcher's {@code /}, so {@code /simulator/v1/KY/...} reaches the servlet and
 * {@code /simulator/v1/_control/...} the control API on Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.SIMULATOR)
class SimulatorWeb {

    @Bean
    ServletRegistrationBean<SimulatorServlet> simulatorServlet(List<ProviderSide> sides, SimulatorFaults faults) {
        String[] paths = sides.stream().map(side -> SimulatorServlet.BASE + side.game() + "/*").toArray(String[]::new);
        ServletRegistrationBean<SimulatorServlet> registration =
                new ServletRegistrationBean<>(new SimulatorServlet(sides, faults), paths);
        registration.setName("simulator");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
