package com.beiying.gateway.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.Outcome;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The transfer handler's decisions: conflicting repeats, final states, and the answer an order gives. */
class TransferDecisionsTest {
    private static OrderStore.Order order(OrderStatus status, String failure, String balanceAfter) {
        return new OrderStore.Order("op1", "order-0001", 7, "alice01", Game.KY, new BigDecimal("10.00"), Direction.IN, status,
                failure, balanceAfter == null ? null : new BigDecimal(balanceAfter), "r1", Language.EN, Instant.now(), null, 1);
    }

    private static TransferHandler.Request request(long member, Game game, String amount, Direction action) {
        return new TransferHandler.Request("op1", "order-0001", member, game, new BigDecimal(amount), action);
    }

    @Test
    void aRepeatConflictsWhenAnythingButTheOrderIdDiffers() {
        OrderStore.Order o = order(OrderStatus.SUCCESS, null, "10.00");
        assertThat(TransferHandler.conflicts(o, request(7, Game.KY, "10.0", Direction.IN))).as("same amount, other scale").isFalse();
        assertThat(TransferHandler.conflicts(o, request(8, Game.KY, "10.00", Direction.IN))).isTrue();
        assertThat(TransferHandler.conflicts(o, request(7, Game.BBIN, "10.00", Direction.IN))).isTrue();
        assertThat(TransferHandler.conflicts(o, request(7, Game.KY, "10.01", Direction.IN))).isTrue();
        assertThat(TransferHandler.conflicts(o, request(7, Game.KY, "10.00", Direction.OUT))).isTrue();
    }

    @Test
    void onlySuccessAndFailureAreFinal() {
        assertThat(TransferHandler.finalStatus(TransferState.SUCCESS)).contains(OrderStatus.SUCCESS);
        assertThat(TransferHandler.finalStatus(TransferState.FAILED)).contains(OrderStatus.FAILED);
        assertThat(TransferHandler.finalStatus(TransferState.PENDING)).isEmpty();
        assertThat(TransferHandler.finalStatus(TransferState.UNKNOWN)).isEmpty();
    }

    @Test
    void aRefusedFirstSendFailsTheOrderButARefusedRepeatLeavesItToTheResolver() {
        GatewayException busy = new GatewayException(Errors.PROVIDER_BUSY);
        assertThat(TransferHandler.refusal(busy, false).state()).isEqualTo(TransferState.FAILED);
        assertThat(TransferHandler.refusal(busy, false).failure()).isEqualTo(Errors.PROVIDER_BUSY.name());
        assertThat(TransferHandler.refusal(busy, true).state()).as("an earlier send may have moved the money").isEqualTo(TransferState.UNKNOWN);
    }

    @Test
    void aSettledOrderAnswersSuccessWithItsBalance() {
        Outcome o = TransferAnswers.of(order(OrderStatus.SUCCESS, null, "110.00"));
        assertThat(o.error()).isNull();
        assertThat(o.result()).containsEntry("Status", FieldInput.string("Success")).containsEntry("Balance", FieldInput.string("110.00"));
    }

    @Test
    void anUnresolvedOrderAnswersProcessingAndNamesItself() {
        Outcome o = TransferAnswers.of(order(OrderStatus.PROCESSING, null, null));
        assertThat(o.error().error()).isEqualTo(Errors.PROCESSING);
        assertThat(o.result()).containsEntry("OrderID", FieldInput.string("order-0001")).containsEntry("Status", FieldInput.string("Processing"));
    }

    @Test
    void aFailureForWantOfBalanceSaysSo() {
        Outcome o = TransferAnswers.of(order(OrderStatus.FAILED, Errors.INSUFFICIENT_BALANCE.name(), null));
        assertThat(o.error().error()).isEqualTo(Errors.INSUFFICIENT_BALANCE);
        assertThat(o.result()).containsEntry("Status", FieldInput.string("Failed"));
    }

    @Test
    void anyOtherFailureAtTheProviderIsOrderFaild() {
        for (Errors reason : new Errors[] {Errors.GAME_MAINTENANCE, Errors.PROVIDER_BUSY, Errors.PROVIDER_REFUSED, Errors.ORDER_NOT_FOUND}) {
            Outcome o = TransferAnswers.of(order(OrderStatus.FAILED, reason.name(), null));
            assertThat(o.error().error()).as(reason.name()).isEqualTo(Errors.ORDER_FAILED);
            assertThat(o.error().error().code(null)).isEqualTo("ORDER_FAILD");
        }
    }
}
