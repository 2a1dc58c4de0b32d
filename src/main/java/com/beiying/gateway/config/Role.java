package com.beiying.gateway.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a gateway process does; one jar runs any combination ({@code gateway.roles}). */
public enum Role {
    INGRESS, WORKER, SIMULATOR;

    /** Parses {@code all} or a comma-separated list such as {@code ingress,worker}. */
    public static Set<Role> parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                roles.add(Role.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }
}
