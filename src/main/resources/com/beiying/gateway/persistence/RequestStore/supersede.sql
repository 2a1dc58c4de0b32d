-- The outcome of a request that became final later (a transfer the resolver settled): the stored
-- reply is replaced, so that GET /v1/requests and a repeat of the request see the final state.
INSERT INTO requests (operator_id, request_id, command_type, status, reply, completed_at)
VALUES (:operatorId, :requestId, :commandType, 'DONE', :reply, now())
ON CONFLICT (operator_id, request_id) DO UPDATE
    SET status = 'DONE', reply = excluded.reply, completed_at = excluded.completed_at
