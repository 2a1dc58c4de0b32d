UPDATE operators SET status = :status, updated_at = now() WHERE operator_id = :operatorId
