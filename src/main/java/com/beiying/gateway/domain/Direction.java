package com.beiying.gateway.domain;

import java.util.Optional;

/** Direction of a transfer, seen from the member's wallet at the provider. */
public enum Direction {
    /** From the operator's credit line into the member's provider wallet. */
    IN,
    /** From the member's provider wallet back to the operator. */
    OUT;

    /** The direction named exactly {@code IN} or {@code OUT}, the only spellings the API accepts. */
    public static Optional<Direction> fromWord(String word) {
        return switch (word) {
            case "IN" -> Optional.of(IN);
            case "OUT" -> Optional.of(OUT);
            default -> Optional.empty();
        };
    }
}
