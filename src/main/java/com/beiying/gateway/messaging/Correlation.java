package com.beiying.gateway.messaging;

/**
 * Correlation ids and Kafka header names. Request ids are unique per operator only, so the
 * correlation id joins both; operator ids never contain {@code ':'}.
 */
public final class Correlation {
    /** Header holding {@code <OperatorId>:<RequestId>} on commands and replies. */
    public static final String HEADER = "beiying-correlation";
    /** Header holding the command type. */
    public static final String TYPE_HEADER = "beiying-command";
    /** Header naming the ingress instance that waits for the reply (diagnostics only). */
    public static final String REPLY_TO_HEADER = "beiying-reply-to";
    /**
     * The sender of admin commands, in the place of an operator id. No operator can have it
     * (operator ids are {@code [A-Za-z0-9_-]}), so an admin request id never meets an operator's
     * in the correlation store, and a worker tells an admin command's sender at a glance.
     */
    public static final String ADMIN_SENDER = "#admin";

    private Correlation() {
    }

    /** {@code <OperatorId>:<RequestId>}. */
    public static String id(String operatorId, String requestId) {
        return operatorId + ':' + requestId;
    }

    /**
     * The Kafka key of a command that concerns no member (an order or bet-record query): its own
     * correlation id, so that such reads spread over every partition instead of queueing behind
     * each other on one.
     */
    public static String requestKey(String operatorId, String requestId) {
        return operatorId + ":#" + requestId;
    }

    /** The Kafka key of a command and its reply: one member's records stay in order. */
    public static String memberKey(String operatorId, String userName) {
        return operatorId + ':' + (userName == null ? "" : userName);
    }
}
