package com.beiying.gateway.domain;

import java.util.Locale;
import java.util.Optional;

/** Which time of a bet record a window query selects by ({@code By} of {@code /v1/bet/records}). */
public enum RecordsBy {
    /** When the gateway stored the record's latest revision (the default: what changed since). */
    UPDATED_AT("UpdatedAt"),
    /** When the bet was placed. */
    BET_TIME("BetTime"),
    /** When the bet was settled (open bets have no such time and never match). */
    SETTLED_AT("SettledAt");

    private final String word;

    RecordsBy(String word) {
        this.word = word;
    }

    /** The API's word. */
    public String word() {
        return word;
    }

    /** The value for an API word, in any case. */
    public static Optional<RecordsBy> fromWord(String word) {
        for (RecordsBy by : values()) {
            if (by.word.toLowerCase(Locale.ROOT).equals(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(by);
            }
        }
        return Optional.empty();
    }
}
