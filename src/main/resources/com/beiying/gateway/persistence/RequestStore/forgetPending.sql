DELETE FROM requests WHERE operator_id = :operatorId AND request_id = :requestId AND status = 'PENDING'
