package com.beiying.gateway.domain;

/**
 * A transfer order's state. Orders only move forward (PENDING → PROCESSING → SUCCESS | FAILED);
 * a database trigger enforces it.
 */
public enum OrderStatus {
    /** Recorded, the provider not yet asked. */
    PENDING,
    /** Sent, the provider's outcome unknown: the resolver settles it. */
    PROCESSING,
    /** Applied at the provider; its ledger lines are written. */
    SUCCESS,
    /** Refused by the provider or never applied; no money moved. */
    FAILED;

    /** Whether the order has its final state. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILED;
    }

    /** The word of the API's {@code Status} field: Success, Failed or Processing. */
    public String apiWord() {
        return switch (this) {
            case SUCCESS -> "Success";
            case FAILED -> "Failed";
            default -> "Processing";
        };
    }
}
