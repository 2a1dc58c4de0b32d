package com.beiying.gateway.provider;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * How one provider's bet records are pulled, as its API demands: windows of at most
 * {@code window}, each new one starting {@code overlap} before the last one ended (so records
 * that changed late are seen again), never closer to now than {@code minDelay} (the provider
 * cannot yet give the latest ones), never further back than {@code lookBack}, selected by
 * {@code basis} time, in the provider's {@code zone}. Some providers take no window that crosses
 * their own calendar day ({@code withinOneDay}).
 */
public record RecordRules(Duration window, Duration overlap, Duration minDelay, Duration lookBack, Basis basis, ZoneOffset zone,
                          boolean withinOneDay) {

    /** Which time of a bet a window selects by. */
    public enum Basis {
        /** When the bet was placed. */
        BET_TIME,
        /** When the provider last changed the bet (placed, settled, voided, resettled). */
        MODIFIED_TIME
    }
}
