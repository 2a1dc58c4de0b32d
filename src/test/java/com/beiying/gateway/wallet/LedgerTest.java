package com.beiying.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.OrderStatus;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What settling an order does to the books (docs/api.md), for every direction and final state. */
class LedgerTest {
    private static final BigDecimal AMOUNT = new BigDecimal("12.34");

    @Test
    void successfulInMovesCreditToTheMemberAndKeepsTheReservation() {
        Ledger.Movement m = Ledger.movement(Direction.IN, AMOUNT, OrderStatus.SUCCESS);
        assertThat(m.toMember()).isEqualByComparingTo("12.34");
        assertThat(m.toCredit()).isEqualByComparingTo("-12.34");
        assertThat(m.creditReleased()).isEqualByComparingTo("0");
        assertThat(m.moved()).isTrue();
    }

    @Test
    void successfulOutMovesMoneyBackAndFreesCredit() {
        Ledger.Movement m = Ledger.movement(Direction.OUT, AMOUNT, OrderStatus.SUCCESS);
        assertThat(m.toMember()).isEqualByComparingTo("-12.34");
        assertThat(m.toCredit()).isEqualByComparingTo("12.34");
        assertThat(m.creditReleased()).isEqualByComparingTo("12.34");
    }

    @Test
    void failedInGivesItsReservationBackAndWritesNoLines() {
        Ledger.Movement m = Ledger.movement(Direction.IN, AMOUNT, OrderStatus.FAILED);
        assertThat(m.moved()).isFalse();
        assertThat(m.creditReleased()).isEqualByComparingTo("12.34");
    }

    @Test
    void failedOutChangesNothing() {
        Ledger.Movement m = Ledger.movement(Direction.OUT, AMOUNT, OrderStatus.FAILED);
        assertThat(m.moved()).isFalse();
        assertThat(m.creditReleased()).isEqualByComparingTo("0");
    }

    @Test
    void linesAlwaysSumToZero() {
        for (Direction d : Direction.values()) {
            for (OrderStatus s : new OrderStatus[] {OrderStatus.SUCCESS, OrderStatus.FAILED}) {
                Ledger.Movement m = Ledger.movement(d, AMOUNT, s);
                assertThat(m.toMember().add(m.toCredit())).as(d + " " + s).isEqualByComparingTo("0");
            }
        }
    }

    @Test
    void onlyFinalStatesSettle() {
        assertThatThrownBy(() -> Ledger.movement(Direction.IN, AMOUNT, OrderStatus.PROCESSING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
