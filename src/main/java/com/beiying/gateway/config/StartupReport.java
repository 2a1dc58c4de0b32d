package com.beiying.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where everything listens once the gateway is ready. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private final GatewayProperties properties;

    StartupReport(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        StringBuilder out = new StringBuilder("\n==== Beiying Gateway ready ====\n");
        out.append("  roles            ").append(Role.parse(properties.roles())).append('\n');
        out.append("  instance         ").append(properties.instanceId()).append('\n');
        String port = env.getProperty("local.server.port");
        if (port != null) {
            out.append("  HTTP             http://localhost:").append(port).append("  (/v1, /admin/v1, /actuator)\n");
        }
        out.append("  Kafka            ").append(env.getProperty("spring.kafka.bootstrap-servers"))
                .append("  topic prefix ").append(properties.kafka().topicPrefix()).append('\n');
        out.append("  PostgreSQL       ").append(env.getProperty("spring.datasource.url")).append('\n');
        out.append("  providers        ").append(env.getProperty("gateway.providers.base-url")).append('\n');
        if (properties.embedded().enabled() && properties.embedded().seedDemoOperator()) {
            // Secrets are never logged, not even the demo's: the README gives it.
            out.append("  demo operator    ApiKey ").append(DemoOperator.API_KEY)
                    .append("  (secret in the README; allowlist: loopback)\n");
        }
        if (env.getProperty("gateway.security.admin-token-generated", Boolean.class, false)) {
            out.append("  admin token      ").append(properties.security().adminToken())
                    .append("  (generated; set GATEWAY_ADMIN_TOKEN to choose one)\n");
        }
        log.info(out.toString());
    }
}
