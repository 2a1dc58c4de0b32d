package com.beiying.gateway.persistence;

import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Finds a store's statements: {@code <Store>/<name>.sql} on the classpath beside the store's class,
 * comments removed. Each table family has one store, and its SQL lives only there.
 */
final class Sql {
    private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();

    private Sql() {
    }

    /** The statement {@code name} of {@code store}. */
    static String of(Class<?> store, String name) {
        return LOCATOR.locate(store, name);
    }
}
