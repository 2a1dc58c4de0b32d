package com.beiying.gateway.domain;

/**
 * The operation a command asks for; mirrors the Avro {@code CommandType}, whose symbols of kinds
 * this version does not run decode as {@link #UNKNOWN}.
 */
public enum CommandKind {
    UNKNOWN, REGISTER, LOGIN, PASSWORD, LOCK, BALANCE, TRANSFER, ORDER
}
