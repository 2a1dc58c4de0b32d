package com.beiying.gateway.domain;

/**
 * The operation a command asks for; mirrors the Avro {@code CommandType}, whose symbols of kinds
 * this version does not run decode as {@link #UNKNOWN}.
 */
public enum CommandKind {
    UNKNOWN, REGISTER, LOGIN, PASSWORD, LOCK, BALANCE, TRANSFER, ORDER, BET_RECORDS, BET_FEED, BET_RECORD,
    /**
     * One page of the reconciliation (docs/bets.md): sent by the admin API to a worker, because
     * only workers hold provider adapters and their credentials. Never an operator's command.
     */
    ADMIN_RECONCILE;

    /**
     * Whether the command hashes a password (Argon2id, tens of milliseconds of a core each): the
     * ingress admits these only up to what the workers' cores finish within the reply timeout.
     */
    public boolean cpuBound() {
        return this == REGISTER || this == PASSWORD;
    }

    /** Whether the command concerns one member (then it is keyed, and ordered, by that member). */
    public boolean concernsMember() {
        return this != ORDER && this != BET_RECORDS && this != BET_FEED && this != BET_RECORD && this != UNKNOWN && !admin();
    }

    /**
     * Whether only the gateway's admin API may send it: a worker runs it only from the shared
     * commands topic under the admin's own sender id, and refuses it from operators.
     */
    public boolean admin() {
        return this == ADMIN_RECONCILE;
    }
}
