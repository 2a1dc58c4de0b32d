INSERT INTO operator_games (operator_id, game, enabled, credit_limit) VALUES (:operatorId, :game, true, :credit)
ON CONFLICT (operator_id, game) DO UPDATE SET enabled = true
