package com.beiying.gateway.support;

import com.beiying.gateway.GatewayApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts extra gateway processes (as application contexts) on the JVM's shared broker and database. */
public final class GatewayInstances {
    private GatewayInstances() {
    }

    /** An ingress-only instance on a free port. */
    public static ConfigurableApplicationContext ingress(Map<String, Object> common) {
        Map<String, Object> props = new HashMap<>(common);
        props.put("gateway.roles", "ingress");
        props.put("server.port", 0);
        return start(props);
    }

    /** A worker-only instance without a web server. */
    public static ConfigurableApplicationContext worker(Map<String, Object> common) {
        Map<String, Object> props = new HashMap<>(common);
        props.put("gateway.roles", "worker");
        props.put("spring.main.web-application-type", "none");
        return start(props);
    }

    /** A simulator-only instance on a free port. */
    public static ConfigurableApplicationContext simulator(Map<String, Object> common) {
        Map<String, Object> props = new HashMap<>(common);
        props.put("gateway.roles", "simulator");
        props.put("server.port", 0);
        return start(props);
    }

    /** The HTTP port of an instance with a web server. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> props) {
        props.putIfAbsent("spring.jmx.enabled", false);
        // As arguments, not builder defaults: they must win over application.yml.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("test").run(args);
    }
}
