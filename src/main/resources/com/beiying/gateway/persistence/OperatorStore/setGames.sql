-- Enables exactly the given games; the others stay configured but disabled, keeping their credit lines.
INSERT INTO operator_games (operator_id, game, enabled)
SELECT :operatorId, g, g = ANY(:enabled) FROM unnest(:all) AS g
ON CONFLICT (operator_id, game) DO UPDATE SET enabled = excluded.enabled
