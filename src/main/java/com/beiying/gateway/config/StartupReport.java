package com.beiying.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where everything listens once the gateway is ready, and in the embedded default where its data and secret files are. */
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
            out.append("  HTTP             http://localhost:").append(port)
                    .append("  (/v1, /admin/v1, /livez, /readyz; API docs /swagger-ui.html, /v3/api-docs)\n");
        }
        String management = env.getProperty("local.management.port");
        if (management != null) {
            out.append("  management       http://").append(env.getProperty("management.server.address", "localhost"))
                    .append(':').append(management).append("/actuator  (health, metrics, prometheus)\n");
        }
        out.append("  Kafka            ").append(env.getProperty("spring.kafka.bootstrap-servers"))
                .append("  topic prefix ").append(properties.kafka().topicPrefix()).append('\n');
        out.append("  PostgreSQL       ").append(env.getProperty("spring.datasource.url")).append('\n');
        if (properties.embedded().enabled()) {
            // Where the secrets are, never what they are: logs travel further than the files.
            out.append("  data directory   ").append(properties.embedded().dataDir())
                    .append("  (broker log, database, keys; survives restarts; gateway.embedded.fresh=true starts afresh)\n");
            file(out, env, "postgres-password", "db password", "");
            file(out, env, "master-key", "master key", "  (GATEWAY_MASTER_KEY overrides it)");
        }
        out.append("  providers        ").append(env.getProperty("gateway.providers.base-url")).append('\n');
        if (properties.embedded().seedDemoOperator()) {
            // Secrets are never logged, not even the demo's: the README gives it.
            out.append("  demo operator    ApiKey ").append(DemoOperator.API_KEY)
                    .append("  (secret in the README; allowlist: loopback)\n");
        }
        if (properties.embedded().enabled()) {
            file(out, env, "admin-token", "admin token", "  (X-Admin-Token of /admin/v1; GATEWAY_ADMIN_TOKEN overrides it)");
        }
        log.info(out.toString());
    }

    /** A line naming the file a secret is kept in, when it came from the data directory. */
    private static void file(StringBuilder out, Environment env, String name, String what, String note) {
        String path = env.getProperty(EmbeddedInfrastructureInitializer.FILES + name);
        if (path != null) {
            out.append("  ").append(String.format("%-17s", what)).append("in ").append(path).append(note).append('\n');
        }
    }
}
