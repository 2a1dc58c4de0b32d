-- Credit lines whose use differs from what the orders say: successful transfers in minus out,
-- plus transfers in still unresolved (their credit stays reserved until they end).
SELECT 'credit ' || g.operator_id || '/' || g.game || ': used ' || g.credit_used || ' but orders say ' || coalesce(x.expected, 0)
FROM operator_games g
LEFT JOIN (
    SELECT operator_id, game, sum(CASE
        WHEN action = 'IN' AND status IN ('SUCCESS', 'PENDING', 'PROCESSING') THEN amount
        WHEN action = 'OUT' AND status = 'SUCCESS' THEN -amount
        ELSE 0 END) AS expected
    FROM orders GROUP BY operator_id, game
) x USING (operator_id, game)
WHERE g.credit_used <> coalesce(x.expected, 0)
