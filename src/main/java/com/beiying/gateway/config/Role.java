package com.beiying.gateway.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a gateway process does; one jar runs any combination ({@code gateway.roles}). */
public enum Role {
    INGRESS, WORKER, SIMULATOR;

    /**
     * Parses {@code all}, {@code none} or a comma-separated list such as {@code ingress,worker}.
     * {@code none} runs no role: with the embedded default on, the process is only the broker and
     * the database (migrated, topics created, demo operator seeded) for processes of the other
     * roles to use, as {@code scripts/cluster} runs it. An empty value keeps meaning {@code all}.
     */
    public static Set<Role> parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        if (value.trim().equalsIgnoreCase("none")) {
            return EnumSet.noneOf(Role.class);
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
