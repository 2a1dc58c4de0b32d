-- Creates the row when the command did not come through the HTTP ingress; changes nothing when
-- another execution completed it first.
INSERT INTO requests (operator_id, request_id, command_type, status, reply, completed_at)
VALUES (:operatorId, :requestId, :commandType, 'DONE', :reply, now())
ON CONFLICT (operator_id, request_id) DO UPDATE
    SET status = 'DONE', reply = excluded.reply, completed_at = excluded.completed_at
    WHERE requests.status = 'PENDING'
