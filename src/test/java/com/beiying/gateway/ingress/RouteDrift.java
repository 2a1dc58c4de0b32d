package com.beiying.gateway.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the routes the controllers serve with the routes the OpenAPI document lists, by method
 * and path with variable names ignored ({@code /operators/{operatorId}} and
 * {@code /operators/{OperatorId}} are one route), and names each difference.
 */
record RouteDrift(List<String> undocumented, List<String> unserved) {

    /** Routes as {@code METHOD /path}. */
    static RouteDrift between(Iterable<String> served, Iterable<String> documented) {
        Map<String, String> s = byShape(served);
        Map<String, String> d = byShape(documented);
        List<String> undocumented = new ArrayList<>();
        s.forEach((shape, route) -> {
            if (!d.containsKey(shape)) {
                undocumented.add(route);
            }
        });
        List<String> unserved = new ArrayList<>();
        d.forEach((shape, route) -> {
            if (!s.containsKey(shape)) {
                unserved.add(route);
            }
        });
        return new RouteDrift(undocumented, unserved);
    }

    /** One line per difference, saying where to fix it. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        undocumented.forEach(r -> out.add("undocumented route: " + r
                + " (add one entry to the route table: ingress.V1Routes or ingress.admin.AdminRoutes)"));
        unserved.forEach(r -> out.add("documented route no controller serves: " + r));
        return out;
    }

    private static Map<String, String> byShape(Iterable<String> routes) {
        Map<String, String> out = new TreeMap<>();
        for (String r : routes) {
            out.put(r.replaceAll("\\{[^}]*}", "{}"), r);
        }
        return out;
    }
}
