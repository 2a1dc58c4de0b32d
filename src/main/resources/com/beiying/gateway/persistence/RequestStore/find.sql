SELECT status, reply, fingerprint, command_type FROM requests WHERE operator_id = :operatorId AND request_id = :requestId
