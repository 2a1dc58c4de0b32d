package com.beiying.gateway.domain;

/**
 * The operation a command asks for; mirrors the Avro {@code CommandType}, whose symbols of kinds
 * this version does not run decode as {@link #UNKNOWN}.
 */
public enum CommandKind {
    UNKNOWN, REGISTER, LOGIN, PASSWORD, LOCK, BALANCE, TRANSFER, ORDER, BET_RECORDS, BET_FEED, BET_RECORD;

    /** Whether the command concerns one member (then it is keyed, and ordered, by that member). */
    public boolean concernsMember() {
        return this != ORDER && this != BET_RECORDS && this != BET_FEED && this != BET_RECORD && this != UNKNOWN;
    }
}
