-- Lowering a line below what is used is allowed: it only stops new transfers in.
INSERT INTO operator_games (operator_id, game, enabled, credit_limit) VALUES (:operatorId, :game, false, :limit)
ON CONFLICT (operator_id, game) DO UPDATE SET credit_limit = excluded.credit_limit
