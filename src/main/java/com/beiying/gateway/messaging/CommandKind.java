package com.beiying.gateway.messaging;

/** The operation a command asks for; mirrors the Avro {@code CommandType}. */
public enum CommandKind {
    UNKNOWN, REGISTER, LOGIN, PASSWORD, LOCK, BALANCE, TRANSFER, ORDER, BET_RECORDS
}
