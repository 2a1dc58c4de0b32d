UPDATE operators SET error_format = :format, updated_at = now() WHERE operator_id = :operatorId
