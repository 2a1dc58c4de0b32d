package com.beiying.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class RequestStoreTest {

    @Test
    void aBatchRefusedForWhatOneRowHoldsIsWorthRetryingRowByRow() {
        assertThat(RequestStore.oneItemsFault(refused("23505"))).as("unique violation").isTrue();
        assertThat(RequestStore.oneItemsFault(refused("22001"))).as("value too long").isTrue();
        assertThat(RequestStore.oneItemsFault(refused("40P01"))).as("deadlock").isTrue();
    }

    @Test
    void aBatchThatFailedForNoRowsSakeIsEveryRowsAnswer() {
        assertThat(RequestStore.oneItemsFault(refused("08006"))).as("connection failure").isFalse();
        assertThat(RequestStore.oneItemsFault(refused("57014"))).as("statement timeout").isFalse();
        assertThat(RequestStore.oneItemsFault(refused(null))).as("no SQLState").isFalse();
        assertThat(RequestStore.oneItemsFault(new ConnectionException(new SQLException("pool exhausted", "08001"))))
                .as("no connection from the pool").isFalse();
        assertThat(RequestStore.oneItemsFault(new IllegalStateException("not SQL"))).isFalse();
    }

    private static UnableToExecuteStatementException refused(String sqlState) {
        return new UnableToExecuteStatementException(new SQLException("refused", sqlState), null);
    }
}
