SELECT status, reply FROM requests WHERE operator_id = :operatorId AND request_id = :requestId
