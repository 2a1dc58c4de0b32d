package com.beiying.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.provider.ProviderAdapter.TransferResult;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What a status lookup after a provider's "duplicate order" answer may conclude. */
class TransferResultTest {

    @Test
    void notFoundAfterADuplicateIsUnknownNotFailed() {
        TransferResult notFound = new TransferResult(TransferState.FAILED, null, Errors.ORDER_NOT_FOUND.name());

        assertThat(notFound.afterDuplicate().state()).isEqualTo(TransferState.UNKNOWN);
        assertThat(notFound.afterDuplicate().failure()).isNull();
    }

    @Test
    void everyOtherStatusStandsAsTheProviderGaveIt() {
        TransferResult success = new TransferResult(TransferState.SUCCESS, new BigDecimal("10.00"), null);
        TransferResult refused = new TransferResult(TransferState.FAILED, null, Errors.PROVIDER_REFUSED.name());
        TransferResult pending = new TransferResult(TransferState.PENDING, null, null);

        assertThat(success.afterDuplicate()).isEqualTo(success);
        assertThat(refused.afterDuplicate()).isEqualTo(refused);
        assertThat(pending.afterDuplicate()).isEqualTo(pending);
    }
}
