package com.beiying.gateway.bets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedCursorTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4_096, Long.MAX_VALUE})
    void aCursorGivesBackItsPosition(long position) {
        String cursor = FeedCursor.of(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(FeedCursor.position(cursor)).isEqualTo(position);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "not base64!", "AQAAAAAAAAA", "AgAAAAAAAAAAAQ", "gP____________", "AQAAAAAAAAAAAQA"})
    void anythingTheGatewayDidNotIssueIsAFieldError(String cursor) {
        assertThatThrownBy(() -> FeedCursor.position(cursor)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error()).isEqualTo(Errors.FIELD_INVALID);
            assertThat(e.field()).isEqualTo(RequestField.CURSOR);
        });
    }
}
