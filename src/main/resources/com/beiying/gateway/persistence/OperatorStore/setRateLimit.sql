UPDATE operators SET rate_limit = :rateLimit, updated_at = now() WHERE operator_id = :operatorId
