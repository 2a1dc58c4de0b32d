package com.beiying.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void aDatabaseOutOfReachIsNoConnectionFromThePoolOrSqlStateClass08() {
        assertThat(SqlFailures.unreachable(new ConnectionException(new SQLException("request timed out", (String) null))))
                .as("pool timeout").isTrue();
        assertThat(SqlFailures.unreachable(refused("08006"))).as("connection failure").isTrue();
        assertThat(SqlFailures.unreachable(refused("23505"))).as("unique violation").isFalse();
        assertThat(SqlFailures.unreachable(refused("57014"))).as("statement timeout").isFalse();
        assertThat(SqlFailures.unreachable(new IllegalStateException("not SQL"))).isFalse();
    }

    @Test
    void theClassIsTheSqlStatesFirstTwoCharactersAnywhereInTheCauseChain() {
        assertThat(SqlFailures.inClass(new IllegalStateException(refused("40P01")), "40")).isTrue();
        assertThat(SqlFailures.inClass(refused("40P01"), "22", "23")).isFalse();
        assertThat(SqlFailures.inClass(refused("4"), "40")).isFalse();
        assertThat(SqlFailures.inClass(refused(null), "40")).isFalse();
    }

    private static UnableToExecuteStatementException refused(String sqlState) {
        return new UnableToExecuteStatementException(new SQLException("refused", sqlState), null);
    }
}
