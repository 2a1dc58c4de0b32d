-- Each member wallet's ledger balance (transfers in less transfers out), one operator's or all,
-- one game's or all, for comparing with the provider (docs/bets.md, "Reconciliation").
SELECT p.member_id, m.operator_id, m.user_name, p.game, p.account_name, coalesce(sum(l.amount), 0) AS ledger
FROM provider_accounts p
JOIN members m USING (member_id)
LEFT JOIN ledger_entries l ON l.account = 'member:' || p.member_id || ':' || p.game
WHERE (CAST(:operatorId AS text) IS NULL OR m.operator_id = :operatorId)
  AND (CAST(:game AS text) IS NULL OR p.game = :game)
GROUP BY p.member_id, m.operator_id, m.user_name, p.game, p.account_name
ORDER BY m.operator_id, m.user_name, p.game
