package com.beiying.gateway.persistence;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.ConnectionException;

/**
 * What a failed statement says about its cause, read from the SQLStates in its cause chain: the
 * group commits decide with it whether a failed batch is worth running item by item.
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /** Whether a SQLException in the cause chain has a SQLState of one of these classes (its first two characters). */
    public static boolean inClass(Throwable e, String... classes) {
        return causes(e).anyMatch(t -> t instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().length() >= 2 && Arrays.asList(classes).contains(sql.getSQLState().substring(0, 2)));
    }

    /** Whether the database could not be reached: no connection from the pool, or SQLState class 08. */
    public static boolean unreachable(Throwable e) {
        return causes(e).anyMatch(t -> t instanceof ConnectionException) || inClass(e, "08");
    }

    private static Stream<Throwable> causes(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
