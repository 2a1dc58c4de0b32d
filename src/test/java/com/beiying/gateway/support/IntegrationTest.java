package com.beiying.gateway.support;

import com.beiying.gateway.config.DemoOperator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the integration tests: the whole gateway (ingress, worker, simulator) on a random port
 * against the JVM's one real Kafka broker and PostgreSQL. All subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {
    @LocalServerPort
    protected int port;

    @Autowired
    protected Jdbi jdbi;

    @Autowired
    protected Environment environment;

    /** A client signing as the demo operator. */
    protected GatewayClient demo() {
        return new GatewayClient(baseUrl(), DemoOperator.API_KEY, DemoOperator.SECRET);
    }

    /** The admin API of this gateway. */
    protected AdminApi admin() {
        return new AdminApi(baseUrl(), environment.getRequiredProperty("gateway.security.admin-token"));
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the simulated providers' wire listens: its own server, apart from the gateway's port. */
    protected String simulatorUrl() {
        return environment.getRequiredProperty("gateway.providers.base-url");
    }

    protected String bootstrapServers() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    protected long count(String sql, Object... args) {
        return queryOne(Long.class, sql, args);
    }

    protected String queryString(String sql, Object... args) {
        return queryOne(String.class, sql, args);
    }

    protected List<String> queryStrings(String sql, Object... args) {
        return jdbi.withHandle(h -> bound(h.createQuery(sql), args).mapTo(String.class).list());
    }

    private <T> T queryOne(Class<T> type, String sql, Object... args) {
        return jdbi.withHandle(h -> bound(h.createQuery(sql), args).mapTo(type).one());
    }

    private static Query bound(Query query, Object... args) {
        for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
        }
        return query;
    }
}
