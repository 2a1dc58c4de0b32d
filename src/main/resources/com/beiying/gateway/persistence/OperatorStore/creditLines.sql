-- Every game's credit line of one operator, in the order of the given game codes (the catalog's);
-- a game never configured for it has no line: disabled, 0.00 and 0.00.
SELECT :operatorId AS operator_id, g.game, coalesce(og.enabled, false) AS enabled,
       coalesce(og.credit_limit, 0.00) AS credit_limit, coalesce(og.credit_used, 0.00) AS credit_used
FROM unnest(CAST(:games AS text[])) WITH ORDINALITY AS g(game, n)
LEFT JOIN operator_games og ON og.operator_id = :operatorId AND og.game = g.game
ORDER BY g.n
