package com.beiying.gateway.messaging;

import com.beiying.gateway.persistence.RequestStore;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The correlation store seen as replies: the one place a stored reply is encoded and decoded, for
 * the ingress (answering repeats and {@code GET /v1/requests}) and the worker (redeliveries).
 */
public final class ReplyStore {
    private final RequestStore requests;
    private final MessageCodec codec;

    /** Replies kept in the given store. */
    public ReplyStore(RequestStore requests, MessageCodec codec) {
        this.requests = requests;
        this.codec = codec;
    }

    /** The request's state: empty when the operator has no such request, an empty reply while it is pending. */
    public Optional<Optional<ReplyMessage>> state(String operatorId, String requestId) {
        return requests.find(operatorId, requestId)
                .map(r -> r.done() ? Optional.of(codec.decodeReply(r.reply())) : Optional.empty());
    }

    /** The reply committed for a request, if any. */
    public Optional<ReplyMessage> reply(String operatorId, String requestId) {
        return state(operatorId, requestId).flatMap(reply -> reply);
    }

    /**
     * Commits the reply within the caller's transaction; false when another execution completed
     * the request first (the caller must then roll back and answer with the stored reply).
     */
    public boolean complete(Handle handle, ReplyMessage reply) {
        return RequestStore.complete(handle, reply.operatorId(), reply.requestId(), reply.kind().name(), codec.encode(reply));
    }

    /** Replaces the request's reply with its final one (a transfer settled later), within the caller's transaction. */
    public void supersede(Handle handle, ReplyMessage reply) {
        RequestStore.supersede(handle, reply.operatorId(), reply.requestId(), reply.kind().name(), codec.encode(reply));
    }

    /** {@link #complete(Handle, ReplyMessage)} on its own. */
    public boolean complete(ReplyMessage reply) {
        return requests.complete(reply.operatorId(), reply.requestId(), reply.kind().name(), codec.encode(reply));
    }
}
